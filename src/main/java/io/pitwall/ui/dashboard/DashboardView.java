package io.pitwall.ui.dashboard;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import io.pitwall.queue.CanonicalState;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The status dashboard: one card per detected queue, a refresh clock, and a banner while the database is away. */
public final class DashboardView extends VBox {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final DashboardViewModel viewModel;
    private final FlowPane cards = new FlowPane(16, 16);
    private final java.util.Map<QueueCardModel, QueueCardView> views = new java.util.IdentityHashMap<>();
    private ListOpener opener = ListOpener.NONE;

    public DashboardView(DashboardViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("dashboard");
        setPadding(new Insets(16, 20, 16, 20));
        setSpacing(12);

        Message banner = banner();
        cards.setPadding(new Insets(2));
        cards.setPrefWrapLength(QueueCardView.WIDTH * 3 + 40);
        cards.opacityProperty().bind(Bindings.when(viewModel.unreachableProperty()).then(0.45).otherwise(1.0));
        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        StackPane content = new StackPane(scroll, loading(), empty());
        VBox.setVgrow(content, Priority.ALWAYS);
        getChildren().addAll(header(), banner, setAsideBanner(), thresholdsBanner(), content);

        // The cards follow the view model's order, worst first; a re-sort moves the existing cards.
        viewModel.cards().addListener((ListChangeListener<QueueCardModel>) change -> {
            views.keySet().retainAll(java.util.Set.copyOf(viewModel.cards()));
            cards.getChildren().setAll(viewModel.cards().stream().map(model -> views.computeIfAbsent(model, m -> {
                QueueCardView card = new QueueCardView(m, (ListOpener) new ForwardingOpener(),
                        edited -> ThresholdsEditor.open(this, viewModel, edited));
                card.setUserData(m);
                return card;
            })).toList());
        });
        cards.widthProperty().addListener((obs, old, width) -> fitCards());
        cards.getChildren().addListener((ListChangeListener<javafx.scene.Node>) change -> fitCards());
        // The dashboard keeps polling while another screen shows: its thresholds raise the notices.
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                viewModel.start();
            }
        });
    }

    /**
     * As many columns as fit at the narrowest readable card, sharing the width: at 1366 px three cards a row, not
     * two with a third of the screen left empty.
     */
    private void fitCards() {
        double width = cards.getWidth() - cards.getPadding().getLeft() - cards.getPadding().getRight();
        if (width <= 0) {
            return;
        }
        double gap = cards.getHgap();
        int columns = Math.max(1, (int) ((width + gap) / (QueueCardView.MIN_WIDTH + gap)));
        double card = Math.floor(Math.min(QueueCardView.MAX_WIDTH, (width - gap * (columns - 1)) / columns)) - 1;
        for (javafx.scene.Node node : cards.getChildren()) {
            if (node instanceof QueueCardView view && Math.abs(view.getPrefWidth() - card) > 0.5) {
                view.setMinWidth(card);
                view.setPrefWidth(card);
                view.setMaxWidth(card);
            }
        }
    }

    /** Where a click on a number leads; set by the shell once every screen exists. */
    public void setListOpener(ListOpener opener) {
        this.opener = opener == null ? ListOpener.NONE : opener;
    }

    private final class ForwardingOpener implements ListOpener {
        @Override
        public void stuck(String profileId, String where) {
            opener.stuck(profileId, where);
        }

        @Override
        public void state(String profileId, String where, CanonicalState state) {
            opener.state(profileId, where, state);
        }

        @Override
        public void kinds(String profileId, String where) {
            opener.kinds(profileId, where);
        }
    }

    private HBox header() {
        Label title = new Label("Queues");
        title.getStyleClass().add(Styles.TITLE_2);
        Label refreshed = new Label();
        refreshed.setId("last-refreshed");
        refreshed.getStyleClass().add(Styles.TEXT_MUTED);
        refreshed.textProperty().bind(Bindings.createStringBinding(() -> {
            var at = viewModel.lastRefreshedProperty().get();
            return at == null ? "not refreshed yet" : "refreshed " + CLOCK.format(at) + " · every "
                    + (int) DashboardViewModel.REFRESH.toSeconds() + "." + (int) (DashboardViewModel.REFRESH.toMillis() % 1000 / 100) + " s";
        }, viewModel.lastRefreshedProperty()));
        Label summary = new Label();
        summary.setId("dashboard-summary");
        summary.getStyleClass().add("dashboard-summary");
        summary.textProperty().bind(Bindings.createStringBinding(() -> {
            var totals = viewModel.totalsProperty().get();
            int queues = viewModel.cards().size();
            if (queues == 0) {
                return "";
            }
            String text = String.format("%,d queued  ·  %,d running  ·  %,d failed   across %d queue%s",
                    totals.get(CanonicalState.QUEUED), totals.get(CanonicalState.RUNNING),
                    totals.get(CanonicalState.FAILED), queues, queues == 1 ? "" : "s");
            int stuck = viewModel.stuckTotalProperty().get();
            if (stuck > 0) {
                text = String.format("%,d stuck  ·  ", stuck) + text;
            }
            long unknown = totals.get(CanonicalState.UNKNOWN);
            return unknown > 0 ? text + String.format("   ·   %,d in states no profile knows", unknown) : text;
        }, viewModel.totalsProperty(), viewModel.stuckTotalProperty(), viewModel.cards()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(16, title, summary, spacer, refreshed);
        header.setAlignment(Pos.BASELINE_LEFT);
        return header;
    }

    /** A profile whose SQL the database rejects is named with what to fix; it never hides the other cards. */
    /** A checks.json the console cannot read or write: the cards are judged by the defaults meanwhile. */
    private Message thresholdsBanner() {
        Message banner = new Message("Thresholds: the defaults apply", "", new FontIcon(MaterialDesignD.DATABASE_ALERT));
        banner.setId("thresholds-banner");
        banner.getStyleClass().add(Styles.WARNING);
        banner.descriptionProperty().bind(viewModel.thresholdsProblemProperty());
        var shown = viewModel.thresholdsProblemProperty().isNotEmpty();
        banner.visibleProperty().bind(shown);
        banner.managedProperty().bind(shown);
        return banner;
    }

    private Message setAsideBanner() {
        Message banner = new Message("Profile set aside", "", new FontIcon(MaterialDesignD.DATABASE_ALERT));
        banner.setId("set-aside-banner");
        banner.getStyleClass().add(Styles.WARNING);
        banner.descriptionProperty().bind(viewModel.setAsideProperty());
        var shown = viewModel.setAsideProperty().isNotEmpty();
        banner.visibleProperty().bind(shown);
        banner.managedProperty().bind(shown);
        return banner;
    }

    /** Red while the database is away; amber while it is only slow (the pool waited out), the counts still its last. */
    private Message banner() {
        Message banner = new Message("Database unreachable", "", new FontIcon(MaterialDesignD.DATABASE_ALERT));
        banner.setId("unreachable-banner");
        banner.titleProperty().bind(Bindings.when(viewModel.slowProperty()).then("Database slow")
                .otherwise(viewModel.whatFailedProperty()));
        banner.getStyleClass().add(Styles.DANGER);
        viewModel.slowProperty().addListener((obs, was, slow) -> {
            banner.getStyleClass().removeAll(Styles.DANGER, Styles.WARNING);
            banner.getStyleClass().add(slow ? Styles.WARNING : Styles.DANGER);
        });
        banner.descriptionProperty().bind(Bindings.createStringBinding(() -> viewModel.problemProperty().get()
                + " — retrying every " + (int) DashboardViewModel.REFRESH.toMillis() + " ms."
                + (viewModel.lastRefreshedProperty().get() == null ? ""
                : " The counts below are from " + CLOCK.format(viewModel.lastRefreshedProperty().get()) + "."),
                viewModel.problemProperty(), viewModel.lastRefreshedProperty()));
        var shown = viewModel.unreachableProperty().or(viewModel.slowProperty());
        banner.visibleProperty().bind(shown);
        banner.managedProperty().bind(shown);
        return banner;
    }

    private VBox loading() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(48, 48);
        Label text = new Label("Reading the queues…");
        text.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(12, spinner, text);
        box.setAlignment(Pos.CENTER);
        box.visibleProperty().bind(viewModel.loadedProperty().not().and(viewModel.unreachableProperty().not()));
        box.setMouseTransparent(true);
        return box;
    }

    private VBox empty() {
        Label title = new Label("No known queue schema in this database");
        title.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label("Pitwall looks for the tables of its built-in profiles and of the profiles in "
                + "~/.config/pitwall/profiles. Run 'pitwall detect --url …' to see near misses.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        hint.setMaxWidth(520);
        VBox box = new VBox(8, new FontIcon(MaterialDesignD.DATABASE_SEARCH), title, hint);
        box.setAlignment(Pos.CENTER);
        box.visibleProperty().bind(viewModel.loadedProperty().and(Bindings.isEmpty(viewModel.cards())));
        box.setMouseTransparent(true);
        return box;
    }
}
