package io.pitwall.ui.shell;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.SavedConnections;
import io.pitwall.ui.connect.ConnectDialog;
import io.pitwall.ui.connect.ConnectKeyring;
import io.pitwall.ui.connect.ConnectRequest;
import io.pitwall.ui.connect.ConnectViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import java.util.List;
import java.util.Locale;

/** The window's frame: the top bar with the connection and global commands, and the current screen. */
public final class ShellView extends BorderPane {

    private final ShellViewModel viewModel;
    private final Runnable toggleTheme;

    private final List<Screen> screens;
    private final StackPane screenArea = new StackPane();
    private final ToggleGroup navigation = new ToggleGroup();
    private final NoticeBar notices = new NoticeBar();

    public ShellView(ShellViewModel viewModel, List<Screen> screens, Runnable toggleTheme) {
        this.viewModel = viewModel;
        this.screens = List.copyOf(screens);
        this.toggleTheme = toggleTheme;
        getStyleClass().add("shell");
        setTop(new VBox(topBar(), errorBanner(), notices));
        setLeft(sidebar());
        setCenter(new StackPane(screenArea, busyOverlay()));
        viewModel.sessionProperty().addListener((obs, old, session) -> this.screens.forEach(s -> s.show(session)));
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::openConnectDialog);
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), toggleTheme);
                for (int i = 0; i < this.screens.size() && i < 9; i++) {
                    Screen screen = this.screens.get(i);
                    scene.getAccelerators().put(new KeyCodeCombination(KeyCode.getKeyCode(Integer.toString(i + 1)),
                            KeyCombination.SHORTCUT_DOWN), () -> select(screen));
                }
            }
        });
        if (!this.screens.isEmpty()) {
            select(this.screens.getFirst());
        }
    }

    /** Shows one screen; the others leave the scene, which stops their polling. */
    public void select(Screen screen) {
        screenArea.getChildren().setAll(screen.view());
        navigation.getToggles().stream().filter(t -> t.getUserData() == screen).findFirst()
                .ifPresent(t -> t.setSelected(true));
    }

    public List<Screen> screens() {
        return screens;
    }

    private VBox sidebar() {
        VBox sidebar = new VBox(4);
        sidebar.getStyleClass().add("sidebar");
        sidebar.setPadding(new Insets(12, 8, 12, 8));
        for (int i = 0; i < screens.size(); i++) {
            Screen screen = screens.get(i);
            ToggleButton button = new ToggleButton(screen.title(), new FontIcon(screen.icon()));
            button.setId("nav-" + screen.title().toLowerCase().replace(' ', '-'));
            button.setUserData(screen);
            button.setToggleGroup(navigation);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setAlignment(Pos.CENTER_LEFT);
            button.getStyleClass().addAll(Styles.FLAT, "nav-button");
            button.setTooltip(new Tooltip(screen.title() + (i < 9 ? " (Ctrl+" + (i + 1) + ")" : "")));
            button.setOnAction(e -> select(screen));
            sidebar.getChildren().add(button);
        }
        // Keep one screen selected: clicking the current one again must not leave the area empty.
        navigation.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null && old != null) {
                old.setSelected(true);
            }
        });
        return sidebar;
    }

    private HBox topBar() {
        Label name = new Label("Pitwall");
        name.getStyleClass().addAll(Styles.TITLE_3, "app-name");
        FontIcon icon = new FontIcon(MaterialDesignD.DATABASE);
        Label connection = new Label();
        connection.setId("connection-label");
        connection.setGraphic(icon);
        connection.textProperty().bind(viewModel.connectionLabelProperty());
        connection.getStyleClass().add("connection-chip");
        Label environment = new Label();
        environment.setId("environment-badge");
        environment.getStyleClass().add("environment-badge");
        Label readOnly = new Label("READ-ONLY", new FontIcon(MaterialDesignE.EYE_OUTLINE));
        readOnly.setId("read-only-badge");
        readOnly.getStyleClass().add("read-only-badge");
        readOnly.setTooltip(new Tooltip("This connection offers no action: it only watches"));
        viewModel.identityProperty().addListener((obs, old, now) -> showIdentity(now, connection, environment, readOnly));
        showIdentity(viewModel.identityProperty().get(), connection, environment, readOnly);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button connect = new Button("Connect…", new FontIcon(MaterialDesignA.ACCOUNT_NETWORK_OUTLINE));
        connect.setId("connect-button");
        connect.setTooltip(new Tooltip("Open another database (Ctrl+O)"));
        connect.setOnAction(e -> openConnectDialog());
        connect.disableProperty().bind(viewModel.busyProperty());
        Button theme = new Button(null, new FontIcon(MaterialDesignT.THEME_LIGHT_DARK));
        theme.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        theme.setTooltip(new Tooltip("Light or dark theme (Ctrl+T)"));
        theme.setOnAction(e -> toggleTheme.run());
        HBox bar = new HBox(14, name, connection, environment, readOnly, standbyBadge(), spacer, connect, theme);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(10, 20, 10, 20));
        bar.getStyleClass().add("top-bar");
        return bar;
    }

    /** "STANDBY · lag 0.4 s" while the screens read a standby; a warning colour once it falls behind. */
    private Label standbyBadge() {
        StandbyLagWatch lag = viewModel.standbyLag();
        Label badge = new Label();
        badge.setId("standby-badge");
        badge.getStyleClass().add("standby-badge");
        badge.setGraphic(new FontIcon(MaterialDesignD.DATABASE_SYNC_OUTLINE));
        badge.textProperty().bind(lag.textProperty());
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(lag.detailProperty());
        badge.setTooltip(tip);
        badge.visibleProperty().bind(lag.activeProperty());
        badge.managedProperty().bind(badge.visibleProperty());
        lag.laggingProperty().addListener((obs, old, behind) -> badge.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("lagging"), behind));
        return badge;
    }

    /**
     * A notice under the top bar until closed: an action that ended ("Open audit #N"), a threshold crossed. One line
     * shows, the worst; the others are behind "+N more", so a noisy night does not push the screen away.
     */
    public HBox notice(String title, String text, String linkText, Runnable link, boolean danger) {
        return notices.add(title, text, linkText, link, danger);
    }

    public VBox notices() {
        return notices;
    }

    /** The connection's colour frames its name; the environment and read-only state are badges beside it. */
    private static void showIdentity(ConnectionIdentity identity, Label connection, Label environment, Label readOnly) {
        boolean known = identity != null;
        String colour = known ? identity.colour() : "transparent";
        connection.setStyle(known ? "-fx-border-color: " + colour + "; -fx-border-width: 0 0 0 6; -fx-border-radius: 3;" : "");
        environment.setText(known && !identity.environment().isEmpty() ? identity.environment().toUpperCase(Locale.ROOT) : "");
        environment.setStyle("-fx-background-color: " + colour + ";");
        environment.setVisible(!environment.getText().isEmpty());
        environment.setManaged(environment.isVisible());
        readOnly.setVisible(known && identity.readOnly());
        readOnly.setManaged(readOnly.isVisible());
    }

    private Message errorBanner() {
        Message banner = new Message("Could not open the database", "", new FontIcon(MaterialDesignD.DATABASE_REMOVE));
        banner.setId("connect-error");
        banner.getStyleClass().add(Styles.DANGER);
        banner.descriptionProperty().bind(viewModel.errorProperty());
        banner.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        banner.setOnClose(e -> openConnectDialog());
        VBox.setMargin(banner, new Insets(8, 20, 0, 20));
        return banner;
    }

    private VBox busyOverlay() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(56, 56);
        Label text = new Label();
        text.textProperty().bind(viewModel.busyTextProperty());
        text.getStyleClass().add(Styles.TITLE_4);
        VBox overlay = new VBox(14, spinner, text);
        overlay.setAlignment(Pos.CENTER);
        overlay.getStyleClass().add("busy-overlay");
        overlay.visibleProperty().bind(viewModel.busyProperty());
        return overlay;
    }

    /**
     * Opens a saved connection the way the Connect dialog does (the same fields, tested before it replaces the
     * current one); on failure the current connection stays and a notice says why.
     */
    public void openSaved(SavedConnections.Saved saved, Runnable onOpened) {
        if (viewModel.busyProperty().get() || saved == null) {
            return;
        }
        ConnectViewModel connect = new ConnectViewModel(List.of(), null, viewModel::openShowingProgress);
        connect.choose(saved);
        connect.failureProperty().addListener((obs, old, why) -> {
            if (!why.isEmpty()) {
                ConnectionIdentity still = viewModel.identityProperty().get();
                notice("Could not open " + saved.name(), why + (still == null ? "" : " — still on " + still.label()),
                        null, null, true);
            }
        });
        connect.connect(onOpened);
    }

    public void openConnectDialog() {
        if (viewModel.busyProperty().get()) {
            return;
        }
        viewModel.loadSaved(saved -> new ConnectDialog(getScene().getWindow(),
                new ConnectViewModel(saved, null, viewModel::tryOpen, ConnectKeyring.ofSystem()))
                .showAndWait().filter(ConnectRequest::demo).ifPresent(demo -> viewModel.startDemo()));
    }
}
