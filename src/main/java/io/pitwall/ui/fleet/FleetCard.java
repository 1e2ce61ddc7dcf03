package io.pitwall.ui.fleet;

import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.monitor.fleet.FleetEntry;
import io.pitwall.monitor.fleet.FleetHealth;
import io.pitwall.monitor.fleet.FleetQueue;
import io.pitwall.queue.Ages;
import io.pitwall.queue.HealthSeverity;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One connection in the overview: its colour and environment, its health, its figures and what is wrong, worst
 * queues first. The whole card is a button: a click, Enter or Space opens the connection's dashboard.
 */
final class FleetCard extends Button {

    FleetCard(FleetEntry entry, boolean current, Runnable open) {
        ConnectionIdentity identity = entry.member().identity();
        setId("fleet-" + cssId(entry.name()));
        getStyleClass().addAll("fleet-card", "fleet-" + entry.health().name().toLowerCase(Locale.ROOT));
        setUserData(entry);
        setMaxWidth(Double.MAX_VALUE);
        setAlignment(Pos.CENTER_LEFT);
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        setMnemonicParsing(false);
        setAccessibleText(entry.name() + ", " + entry.health() + ", " + entry.severity());
        setTooltip(new Tooltip("Open " + identity.label() + " (Enter)"));
        setOnAction(e -> open.run());

        Region stripe = new Region();
        stripe.getStyleClass().add("fleet-stripe");
        stripe.setMinWidth(8);
        stripe.setStyle("-fx-background-color: " + identity.colour() + ";");

        Label name = new Label(identity.name());
        name.getStyleClass().add("fleet-name");
        HBox title = new HBox(10, name);
        title.setAlignment(Pos.CENTER_LEFT);
        if (!identity.environment().isEmpty()) {
            Label environment = new Label(identity.environment().toUpperCase(Locale.ROOT));
            environment.getStyleClass().add("environment-badge");
            environment.setStyle("-fx-background-color: " + identity.colour() + ";");
            title.getChildren().add(environment);
        }
        Label health = new Label(healthText(entry));
        health.setId("fleet-health-" + cssId(entry.name()));
        health.getStyleClass().addAll("fleet-health", "fleet-health-" + entry.health().name().toLowerCase(Locale.ROOT));
        title.getChildren().add(health);
        if (entry.severity() != HealthSeverity.OK && entry.health() == FleetHealth.OK) {
            Label severity = new Label(entry.severity().name());
            severity.getStyleClass().addAll("fleet-severity", "fleet-severity-" + entry.severity().name().toLowerCase(Locale.ROOT));
            title.getChildren().add(severity);
        }
        if (identity.readOnly()) {
            Label readOnly = new Label("READ-ONLY");
            readOnly.getStyleClass().add("read-only-badge");
            title.getChildren().add(readOnly);
        }
        if (current) {
            Label here = new Label("THIS WINDOW");
            here.getStyleClass().add("fleet-current");
            title.getChildren().add(here);
        }

        Label figures = new Label(figures(entry));
        figures.setId("fleet-figures-" + cssId(entry.name()));
        figures.getStyleClass().add("fleet-figures");
        VBox text = new VBox(4, title, figures);
        if (!entry.problem().isEmpty()) {
            Label problem = new Label(entry.problem());
            problem.setId("fleet-problem-" + cssId(entry.name()));
            problem.getStyleClass().add(entry.health() == FleetHealth.OK ? "fleet-breach" : "fleet-problem");
            // One line, cut with an ellipsis: a wrapping label inside a button asks for its height at no width.
            problem.setMinWidth(0);
            problem.setTooltip(new Tooltip(entry.problem()));
            text.getChildren().add(problem);
        }
        String worst = worstQueues(entry);
        if (!worst.isEmpty()) {
            Label queues = new Label(worst);
            queues.getStyleClass().add("fleet-queues");
            text.getChildren().add(queues);
        }
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMinWidth(0);

        Label openHint = new Label("Open dashboard", new FontIcon(MaterialDesignA.ARROW_RIGHT));
        openHint.setContentDisplay(ContentDisplay.RIGHT);
        openHint.getStyleClass().add("fleet-open");
        openHint.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the queue line gives way, never "Op…"
        HBox row = new HBox(14, stripe, text, openHint);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setPadding(new Insets(10, 14, 10, 0));
        setGraphic(row);
    }

    static String healthText(FleetEntry entry) {
        return switch (entry.health()) {
            case OK -> "OK";
            case SLOW -> "SLOW";
            case LAGGING -> "LAGGING " + (entry.lag() == null ? "" : Ages.format(entry.lag()));
            case UNREACHABLE -> "UNREACHABLE";
        };
    }

    static String figures(FleetEntry entry) {
        if (entry.readAt() == null) {
            return "no figures yet";
        }
        String oldest = entry.oldestQueued() == null ? "none queued" : "oldest queued " + Ages.format(entry.oldestQueued());
        return entry.stuck() + " stuck · " + entry.failed() + " failed · " + entry.queued() + " queued · " + oldest
                + " · " + entry.queues().size() + (entry.queues().size() == 1 ? " queue" : " queues");
    }

    /** The queues with something wrong, at most three, worst first. */
    static String worstQueues(FleetEntry entry) {
        return entry.queues().stream().filter(q -> q.stuck() > 0 || q.failed() > 0).limit(3)
                .map(FleetCard::queueText).collect(Collectors.joining("   "));
    }

    private static String queueText(FleetQueue q) {
        StringBuilder text = new StringBuilder(q.profileId()).append(" ").append(q.queue()).append(": ");
        if (q.stuck() > 0) {
            text.append(q.stuck()).append(" stuck");
        }
        if (q.failed() > 0) {
            text.append(q.stuck() > 0 ? ", " : "").append(q.failed()).append(" failed");
        }
        return text.toString();
    }

    static String cssId(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
