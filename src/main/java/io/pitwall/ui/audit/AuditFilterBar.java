package io.pitwall.ui.audit;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

import java.util.ArrayList;
import java.util.List;

/**
 * The audit log's filter: action, profile and table, outcome, actor and free text, with how many entries pass.
 * A field's "all" is its empty choice, so clearing one is picking its first item.
 */
final class AuditFilterBar extends FlowPane {

    AuditFilterBar(AuditViewModel viewModel) {
        super(10, 8);
        setAlignment(Pos.CENTER_LEFT);
        setId("audit-filter");
        ComboBox<String> action = choice("audit-action", "all actions", viewModel.actions());
        action.valueProperty().bindBidirectional(viewModel.actionFilterProperty());
        ComboBox<String> target = choice("audit-target", "all profiles and tables", viewModel.targets());
        target.valueProperty().bindBidirectional(viewModel.targetFilterProperty());
        ComboBox<AuditFilter.Outcome> outcome = new ComboBox<>();
        outcome.setId("audit-outcome");
        outcome.getItems().setAll(AuditFilter.Outcome.values());
        outcome.valueProperty().bindBidirectional(viewModel.outcomeFilterProperty());
        CustomTextField actor = field("audit-actor", "actor (user, host, role)", 210);
        actor.textProperty().bindBidirectional(viewModel.actorFilterProperty());
        CustomTextField text = field("audit-search", "search any text of an entry", 250);
        text.textProperty().bindBidirectional(viewModel.textFilterProperty());
        Button clear = new Button("Clear");
        clear.setId("audit-clear");
        clear.getStyleClass().add(Styles.FLAT);
        clear.setOnAction(e -> viewModel.clearFilter());
        Label count = new Label();
        count.setId("audit-count");
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.textProperty().bind(Bindings.createStringBinding(() -> viewModel.rows().size() == viewModel.total()
                ? viewModel.total() + (viewModel.total() == 1 ? " entry" : " entries")
                : viewModel.rows().size() + " of " + viewModel.total() + " entries", viewModel.rows()));
        getChildren().addAll(new HBox(8, action, target, outcome), actor, text, clear, count);
    }

    /** A choice whose first item is "all" (null); the list follows the entries read. */
    private static ComboBox<String> choice(String id, String all, javafx.collections.ObservableList<String> values) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        box.setPromptText(all);
        box.setButtonCell(cell(all));
        box.setCellFactory(v -> cell(all));
        Runnable fill = () -> {
            String keep = box.getValue();
            List<String> items = new ArrayList<>();
            items.add(null);
            items.addAll(values);
            box.getItems().setAll(items);
            box.setValue(keep);
        };
        values.addListener((ListChangeListener<String>) change -> fill.run());
        fill.run();
        return box;
    }

    private static ListCell<String> cell(String all) {
        return new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                // Names from data: an underscore in them is text, never a keyboard mnemonic.
                setMnemonicParsing(false);
                setText(empty ? null : item == null ? all : item);
            }
        };
    }

    private static CustomTextField field(String id, String prompt, double width) {
        CustomTextField field = new CustomTextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefWidth(width);
        field.setLeft(new FontIcon(MaterialDesignM.MAGNIFY));
        return field;
    }
}
