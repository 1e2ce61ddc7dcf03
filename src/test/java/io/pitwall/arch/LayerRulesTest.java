package io.pitwall.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/** The layer rules of DESIGN.md, checked on the compiled classes. */
class LayerRulesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pitwall");
    }

    @Test
    void nothingOutsideUiImportsJavaFx() {
        noClasses().that().resideOutsideOfPackage("io.pitwall.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.controlsfx..",
                        "org.kordamp.ikonli..")
                .check(classes);
    }

    @Test
    void uiNeverTouchesJdbc() {
        noClasses().that().resideInAPackage("io.pitwall.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "com.zaxxer..",
                        "org.postgresql..")
                .check(classes);
    }

    @Test
    void layersOnlyPointDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("main").definedBy("io.pitwall")
                .layer("ui").definedBy("io.pitwall.ui..")
                .layer("cli").definedBy("io.pitwall.cli..")
                .layer("demo").definedBy("io.pitwall.demo..")
                .layer("monitor").definedBy("io.pitwall.monitor..")
                .layer("runbook").definedBy("io.pitwall.runbook..")
                .layer("profile").definedBy("io.pitwall.profile..")
                .layer("sql").definedBy("io.pitwall.sql..")
                .layer("connect").definedBy("io.pitwall.connect..")
                .layer("queue").definedBy("io.pitwall.queue..")
                .whereLayer("main").mayNotBeAccessedByAnyLayer()
                .whereLayer("ui").mayOnlyBeAccessedByLayers("main")
                .whereLayer("cli").mayOnlyBeAccessedByLayers("main", "ui")
                .whereLayer("demo").mayOnlyBeAccessedByLayers("ui", "cli")
                .whereLayer("monitor").mayOnlyBeAccessedByLayers("ui", "cli", "runbook")
                .whereLayer("runbook").mayOnlyBeAccessedByLayers("ui", "cli")
                .whereLayer("profile").mayOnlyBeAccessedByLayers("ui", "cli", "demo", "monitor", "runbook")
                .whereLayer("sql").mayOnlyBeAccessedByLayers("ui", "cli", "demo", "monitor", "runbook", "profile")
                .whereLayer("connect").mayOnlyBeAccessedByLayers("ui", "cli", "demo", "monitor", "runbook", "profile", "sql")
                .check(classes);
    }

    @Test
    void theModelDoesNoIo() {
        noClasses().that().resideInAPackage("io.pitwall.queue..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "java.io..", "java.nio..",
                        "java.net..")
                .check(classes);
    }
}
