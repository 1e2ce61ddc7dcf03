package io.pitwall.ui.dashboard;

import atlantafx.base.theme.Styles;
import io.pitwall.monitor.health.FailureRate;
import io.pitwall.queue.Ages;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.time.Duration;

/**
 * Edits one queue's thresholds: stuck above N, oldest queued older than N, failures per minute above N. Saved with
 * the connection, where {@code pitwall check --connection NAME} reads them too.
 */
final class ThresholdsEditor {

    static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);

    private final TextField stuck = new TextField();
    private final TextField oldest = new TextField();
    private final TextField failures = new TextField();
    private final Label error = new Label();

    private ThresholdsEditor() {
    }

    /** Opens the editor for a card; a saved change is judged at once, a failed save is said on the card's dashboard. */
    static void open(Node owner, DashboardViewModel viewModel, QueueCardModel card) {
        new ThresholdsEditor().show(owner, viewModel, card);
    }

    private void show(Node owner, DashboardViewModel viewModel, QueueCardModel card) {
        QueueThresholds now = card.thresholdsProperty().get();
        stuck.setText(Long.toString(now.stuckAbove()));
        oldest.setText(QueueThresholds.exact(now.oldestQueued()));
        failures.setText(Long.toString(now.failuresWarnAt()));
        stuck.setId("threshold-stuck");
        oldest.setId("threshold-oldest");
        failures.setId("threshold-failures");
        error.setId("threshold-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);

        GridPane grid = new GridPane(10, 8);
        grid.addRow(0, new Label("Stuck tasks more than"), stuck);
        grid.addRow(1, new Label("Oldest queued task older than"), oldest);
        Label failuresLabel = new Label("Failures per minute reaching");
        failuresLabel.setTooltip(new javafx.scene.control.Tooltip("Failures per minute " + FailureRate.RULE
                + ", as pitwall check judges them: the card is marked at this rate or above"));
        grid.addRow(2, failuresLabel, failures);
        Label where = new Label("Kept with the connection, where `pitwall check --connection` reads them too: "
                + viewModel.thresholdsStore());
        where.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        where.setWrapText(true);
        where.setMaxWidth(460);
        Label hint = new Label("Durations as 90s, 10m, 2h. The card is marked and a notice raised when one is crossed.");
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hint.setWrapText(true);
        hint.setMaxWidth(460);

        Dialog<QueueThresholds> dialog = new Dialog<>();
        dialog.setTitle("Thresholds");
        dialog.setHeaderText("Thresholds of " + card.title() + " (" + card.profileId() + " · " + card.queue() + ")");
        if (owner.getScene() != null) {
            dialog.initOwner(owner.getScene().getWindow());
        }
        dialog.getDialogPane().setId("thresholds-editor");
        dialog.getDialogPane().setContent(new VBox(10, grid, hint, error, where));
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, SAVE);
        Node save = dialog.getDialogPane().lookupButton(SAVE);
        save.setId("threshold-save");
        Runnable check = () -> {
            String why = problem();
            error.setText(why);
            error.setVisible(!why.isEmpty());
            error.setManaged(!why.isEmpty());
            save.setDisable(!why.isEmpty());
        };
        stuck.textProperty().addListener((o, a, b) -> check.run());
        oldest.textProperty().addListener((o, a, b) -> check.run());
        failures.textProperty().addListener((o, a, b) -> check.run());
        check.run();
        dialog.setResultConverter(button -> button == SAVE ? parsed() : null);
        dialog.setOnShown(e -> stuck.requestFocus());
        dialog.showAndWait().ifPresent(limits -> viewModel.saveThresholds(card, limits, why -> { }));
    }

    /** What is wrong with the input, naming the field; "" when it parses. */
    String problem() {
        try {
            parsed();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private QueueThresholds parsed() {
        long stuckAbove = count("Stuck tasks", stuck.getText());
        Duration age;
        try {
            age = Ages.parse(oldest.getText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Oldest queued: " + e.getMessage());
        }
        if (age.isZero() || age.isNegative()) {
            throw new IllegalArgumentException("Oldest queued: a duration above zero, e.g. 10m");
        }
        long warnAt = count("Failures per minute", failures.getText());
        if (warnAt < 1) {
            throw new IllegalArgumentException("Failures per minute: 1 or more (a rate of 0 is always reached)");
        }
        return new QueueThresholds(stuckAbove, age, warnAt - 1);
    }

    private static long count(String field, String text) {
        try {
            long value = Long.parseLong(text.strip());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + text.strip() + "' is not a whole number of zero or more");
        }
    }

    /** The card's line about its thresholds: what marks it, at a glance. */
    static String summary(QueueThresholds limits) {
        return "Alerts: stuck > " + limits.stuckAbove() + " · queued > " + Ages.format(limits.oldestQueued())
                + " · failed ≥ " + limits.failuresWarnAt() + "/min";
    }
}
