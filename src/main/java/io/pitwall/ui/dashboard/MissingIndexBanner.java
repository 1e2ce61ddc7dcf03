package io.pitwall.ui.dashboard;

import atlantafx.base.theme.Styles;
import io.pitwall.queue.MissingIndex;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Says on the card that an index the counts need is missing, why the numbers are estimates meanwhile, and gives
 * the {@code CREATE INDEX CONCURRENTLY} to copy. Hidden while nothing is missing.
 */
final class MissingIndexBanner extends VBox {

    private final Label text = new Label();
    private final Button copy = new Button("Copy CREATE INDEX");

    MissingIndexBanner(ObservableValue<List<MissingIndex>> missing, String cardId) {
        getStyleClass().add("missing-index");
        setSpacing(4);
        text.setWrapText(true);
        text.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.WARNING);
        text.setId("missing-index-" + cardId);
        copy.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        copy.setId("copy-index-" + cardId);
        HBox row = new HBox(6, text);
        HBox.setHgrow(text, Priority.ALWAYS);
        getChildren().addAll(row, copy);
        missing.addListener((obs, old, now) -> render(now));
        render(missing.getValue());
    }

    private void render(List<MissingIndex> missing) {
        setVisible(!missing.isEmpty());
        setManaged(!missing.isEmpty());
        if (missing.isEmpty()) {
            return;
        }
        boolean active = missing.stream().anyMatch(m -> m.purpose().equals("active"));
        text.setText("⚠ Index missing: " + (active ? "queued, running and paused" : "failed")
                + " are estimates (≈) until it exists.");
        String statements = missing.stream().map(MissingIndex::create).filter(Objects::nonNull)
                .collect(Collectors.joining(";\n", "", ";"));
        String advice = missing.stream().map(MissingIndex::advice).collect(Collectors.joining("\n\n"));
        Tooltip tip = new Tooltip(advice);
        tip.setWrapText(true);
        tip.setMaxWidth(560);
        text.setTooltip(tip);
        copy.setVisible(!statements.equals(";"));
        copy.setManaged(copy.isVisible());
        copy.setTooltip(new Tooltip(statements));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(statements);
            Clipboard.getSystemClipboard().setContent(content);
        });
    }
}
