package io.pitwall.ui.fleet;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import io.pitwall.monitor.fleet.FleetEntry;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The fleet overview: one card per saved connection, worst first. Up and Down move between cards, Enter opens one.
 * It polls only while on screen.
 */
public final class FleetView extends VBox {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final FleetViewModel viewModel;
    private final VBox cards = new VBox(10);

    public FleetView(FleetViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("fleet");
        setId("fleet-view");
        setPadding(new Insets(16, 20, 16, 20));
        setSpacing(12);
        cards.setId("fleet-cards");
        cards.setPadding(new Insets(2));
        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        StackPane content = new StackPane(scroll, loading(), empty());
        VBox.setVgrow(content, Priority.ALWAYS);
        getChildren().addAll(header(), problemBanner(), content);

        viewModel.entries().addListener((ListChangeListener<FleetEntry>) change -> rebuild());
        viewModel.currentUriProperty().addListener((obs, old, now) -> rebuild());
        cards.addEventFilter(KeyEvent.KEY_PRESSED, this::moveFocus);
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                viewModel.start();
            } else {
                viewModel.stop();
            }
        });
    }

    private void rebuild() {
        int focused = focusedIndex();
        List<Node> built = viewModel.entries().stream().map(entry -> (Node) new FleetCard(entry,
                viewModel.isCurrent(entry), () -> viewModel.open(entry))).toList();
        cards.getChildren().setAll(built);
        // A round re-sorts the cards; keyboard focus stays at the same place in the list.
        if (focused >= 0 && !built.isEmpty()) {
            built.get(Math.min(focused, built.size() - 1)).requestFocus();
        }
    }

    private int focusedIndex() {
        List<Node> children = cards.getChildren();
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i).isFocused()) {
                return i;
            }
        }
        return -1;
    }

    private void moveFocus(KeyEvent event) {
        int at = focusedIndex();
        if (at < 0) {
            return;
        }
        List<Node> children = cards.getChildren();
        if (event.getCode() == KeyCode.DOWN && at + 1 < children.size()) {
            children.get(at + 1).requestFocus();
            event.consume();
        } else if (event.getCode() == KeyCode.UP && at > 0) {
            children.get(at - 1).requestFocus();
            event.consume();
        } else if (event.getCode() == KeyCode.ENTER && children.get(at) instanceof FleetCard card) {
            card.fire();
            event.consume();
        }
    }

    private HBox header() {
        Label title = new Label("Fleet");
        title.getStyleClass().add(Styles.TITLE_3);
        Label summary = new Label();
        summary.setId("fleet-summary");
        summary.getStyleClass().add("dashboard-summary");
        summary.textProperty().bind(viewModel.summaryProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label clock = new Label();
        clock.getStyleClass().add(Styles.TEXT_MUTED);
        viewModel.lastRoundProperty().addListener((obs, old, now) ->
                clock.setText(now == null ? "" : "read " + CLOCK.format(now) + " · every 5 s"));
        HBox header = new HBox(14, title, summary, spacer, clock);
        header.setAlignment(Pos.BASELINE_LEFT);
        return header;
    }

    private Message problemBanner() {
        Message banner = new Message("The fleet cannot be read", "", new FontIcon(MaterialDesignD.DATABASE_ALERT));
        banner.getStyleClass().add(Styles.DANGER);
        banner.descriptionProperty().bind(viewModel.problemProperty());
        banner.visibleProperty().bind(viewModel.problemProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private Node loading() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(40, 40);
        VBox box = new VBox(10, spinner, new Label("Reading every saved connection…"));
        box.setAlignment(Pos.CENTER);
        box.visibleProperty().bind(viewModel.loadedProperty().not());
        box.setMouseTransparent(true);
        return box;
    }

    private Node empty() {
        Label text = new Label("No saved connections yet: the fleet watches this window's database only. Each "
                + "database you open with Connect… (Ctrl+O) is saved and watched here, with its environment's colour.");
        text.setId("fleet-empty");
        text.setWrapText(true);
        text.setMaxWidth(520);
        text.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(text);
        box.setAlignment(Pos.CENTER);
        // Also under the console's own connection alone (the demo): the space below its card says why it is alone.
        box.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> viewModel.loadedProperty().get()
                && viewModel.entries().stream().allMatch(e -> e.member().saved() == null),
                viewModel.loadedProperty(), viewModel.entries()));
        box.setMouseTransparent(true);
        return box;
    }
}
