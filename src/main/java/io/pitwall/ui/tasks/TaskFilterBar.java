package io.pitwall.ui.tasks;

import atlantafx.base.theme.Styles;
import io.pitwall.profile.Binding;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/** The filters over every list of the Stuck & failed screen: queue, kind, text and the failed list's age window. */
final class TaskFilterBar extends HBox {

    TaskFilterBar(TaskFilters filters, Runnable reloadFailed) {
        super(8);
        ComboBox<Binding> queue = new ComboBox<>();
        queue.setId("filter-queue");
        queue.setPromptText("All queues");
        queue.setItems(filters.queues);
        queue.valueProperty().bindBidirectional(filters.queue);
        queue.setButtonCell(queueCell());
        queue.setCellFactory(list -> queueCell());
        Button allQueues = new Button(null, new FontIcon(MaterialDesignF.FILTER_REMOVE_OUTLINE));
        allQueues.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        allQueues.setTooltip(new Tooltip("All queues"));
        allQueues.setOnAction(e -> filters.queue.set(null));

        TextField kind = new TextField();
        kind.setId("filter-kind");
        kind.setPromptText("kind");
        kind.setPrefColumnCount(12);
        kind.textProperty().bindBidirectional(filters.kind);
        TextField text = new TextField();
        text.setId("filter-text");
        text.setPromptText("text in the error or evidence");
        text.setPrefColumnCount(18);
        text.textProperty().bindBidirectional(filters.text);
        // Typing narrows the stuck list at once; the failed list is re-read once typing pauses.
        PauseTransition pause = new PauseTransition(Duration.millis(450));
        pause.setOnFinished(e -> reloadFailed.run());
        kind.textProperty().addListener((obs, o, n) -> pause.playFromStart());
        text.textProperty().addListener((obs, o, n) -> pause.playFromStart());

        ComboBox<AgeWindow> age = new ComboBox<>();
        age.setId("filter-age");
        age.getItems().setAll(AgeWindow.values());
        age.valueProperty().bindBidirectional(filters.age);
        age.setTooltip(new Tooltip("When the task failed (failed list only)"));

        getChildren().addAll(label("Queue"), queue, allQueues, label("Kind"), kind, label("Text"), text,
                label("Failed"), age);
        setAlignment(Pos.CENTER_LEFT);
    }

    private static Label label(String text) {
        Label label = new Label(text);
        // A filter's name never shrinks to "…": the fields give way first.
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        return label;
    }

    private static ListCell<Binding> queueCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Binding item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "All queues" : item.profile().id() + " · " + item.where());
            }
        };
    }
}
