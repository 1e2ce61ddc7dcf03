package io.pitwall.ui.shell;

import io.pitwall.connect.BadTargetException;
import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.ConnectionProbe;
import io.pitwall.connect.ConnectionTarget;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.SavedConnections;
import io.pitwall.connect.TargetResolver;
import io.pitwall.demo.DemoDatabase;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.profile.ProfileRegistry;
import io.pitwall.ui.common.Errors;
import io.pitwall.ui.connect.ConnectRequest;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Which database the console is on: connects, starts the demo, and closes what it opened.
 * Every connect and start runs on the background executor; results land on the FX thread.
 */
public final class ShellViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ShellViewModel.class);

    // Properties
    private final ReadOnlyObjectWrapper<MonitorSession> session = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper connectionLabel = new ReadOnlyStringWrapper("not connected");
    private final ReadOnlyObjectWrapper<ConnectionIdentity> identity = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper windowTitle = new ReadOnlyStringWrapper("Pitwall");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper busyText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ProfileRegistry> registry = new ReadOnlyObjectWrapper<>();

    private final ExecutorService executor;
    private final StandbyLagWatch standbyLag;
    private final SavedConnections savedConnections;
    private DemoDatabase demo;

    public ShellViewModel(ExecutorService executor, SavedConnections savedConnections) {
        this.executor = executor;
        this.standbyLag = new StandbyLagWatch(executor);
        this.savedConnections = savedConnections;
    }

    // Commands

    public void startDemo() {
        run("Starting the demo database…", () -> {
            DemoDatabase started = DemoDatabase.start(0, System.nanoTime());
            started.startWorkers();
            ConnectionTarget target = TargetResolver.fromSystem().resolve(started.url());
            ConnectionIdentity demoIdentity = new ConnectionIdentity("demo", "development", null, false, null);
            return new Opened(open(demoIdentity, target), target.displayUri(), started);
        });
    }

    /** Connects without a dialog to report into (e.g. at start): a failure shows in the window's banner. */
    public void connect(ConnectRequest request) {
        if (request.demo()) {
            startDemo();
            return;
        }
        busy.set(true);
        busyText.set("Connecting…");
        error.set("");
        open(request, failure -> error.set(failure), () -> { });
    }

    /**
     * Tests the new target (reachable, authenticated, which profiles it holds) and only then replaces the current
     * connection; on failure the current one stays as it was and {@code onFailure} gets the reason. Runs on the
     * executor; both callbacks run on the FX thread.
     */
    public void open(ConnectRequest request, Consumer<String> onFailure, Runnable onSuccess) {
        Task<Opened> task = new Task<>() {
            @Override
            protected Opened call() throws Exception {
                return test(request);
            }
        };
        task.setOnSucceeded(e -> {
            switchTo(task.getValue());
            onSuccess.run();
        });
        task.setOnFailed(e -> {
            busy.set(false);
            Throwable failure = task.getException();
            LOG.warn("connecting failed: {}", failure.getMessage());
            onFailure.accept(failure instanceof ConnectionProbe.Failed || failure instanceof BadTargetException
                    ? failure.getMessage() : Errors.describe(failure));
        });
        executor.execute(task);
    }

    /** {@link #open}, with the busy overlay while the target is tested (nothing else shows progress then). */
    public void openShowingProgress(ConnectRequest request, Consumer<String> onFailure, Runnable onSuccess) {
        busy.set(true);
        busyText.set("Opening " + (request.name() == null ? request.uri() : request.name()) + "…");
        open(request, onFailure, onSuccess);
    }

    /** The standby the request names, tested like the primary; null when it names none. */
    private static ConnectionTarget standbyOf(ConnectRequest request, ConnectionTarget primary) throws Exception {
        if (request.standbyUri() == null || request.standbyUri().isBlank()) {
            return null;
        }
        ConnectionTarget standby = TargetResolver.fromSystem().resolve(request.standbyUri());
        if (standby.password() == null && request.password() != null && standby.user().equals(primary.user())) {
            // The same role on its standby: the password typed for the primary is the standby's too.
            standby = standby.withPassword(request.password());
        }
        try {
            ConnectionProbe.check(standby);
        } catch (ConnectionProbe.Failed e) {
            throw new ConnectionProbe.Failed("the standby: " + e.getMessage(), e.authentication(), e);
        }
        return standby;
    }

    private Opened test(ConnectRequest request) throws Exception {
        ConnectionTarget target = TargetResolver.fromSystem().resolve(request.uri());
        if (request.password() != null) {
            target = target.withPassword(request.password());
        }
        ConnectionProbe.check(target);
        ConnectionTarget standby = standbyOf(request, target);
        String name = request.name() == null || request.name().isBlank()
                ? ConnectionIdentity.defaultName(target) : request.name();
        ConnectionIdentity chosen = new ConnectionIdentity(name, request.environment(), request.colour(),
                request.readOnly(), request.actionUser());
        MonitorSession opened = open(chosen, target, standby);
        try {
            opened.detection();
        } catch (Exception e) { // detection throws SQLException; ui names no JDBC type
            opened.close();
            throw new ConnectionProbe.Failed("connected, but cannot read the catalog to find its queues: "
                    + Errors.describe(e), false, e);
        }
        savedConnections.remember(chosen, target, standby);
        return new Opened(opened, target.displayUri(), null);
    }

    /** Saved connections, read on the background executor. */
    public void loadSaved(java.util.function.Consumer<List<SavedConnections.Saved>> onLoaded) {
        Task<List<SavedConnections.Saved>> task = new Task<>() {
            @Override
            protected List<SavedConnections.Saved> call() {
                return savedConnections.list();
            }
        };
        task.setOnSucceeded(e -> onLoaded.accept(task.getValue()));
        task.setOnFailed(e -> onLoaded.accept(List.of()));
        executor.execute(task);
    }

    /**
     * Closes the session and the demo; called once when the window closes. It blocks the exiting FX thread on
     * purpose: on a daemon thread the JVM could end before the embedded PostgreSQL has stopped.
     */
    public void shutdown() {
        MonitorSession current = session.get();
        DemoDatabase currentDemo = demo;
        session.set(null);
        standbyLag.show(null);
        demo = null;
        closeQuietly(current, currentDemo);
    }

    private record Opened(MonitorSession session, String label, DemoDatabase demo) {
    }

    private interface Opening {
        Opened call() throws Exception;
    }

    private MonitorSession open(ConnectionIdentity chosen, ConnectionTarget target) {
        return open(chosen, target, null);
    }

    private MonitorSession open(ConnectionIdentity chosen, ConnectionTarget target, ConnectionTarget standby) {
        ProfileRegistry profiles = new ProfileLoader().loadAll();
        profiles.problems().forEach(p -> LOG.warn("profile: {}", p));
        Platform.runLater(() -> registry.set(profiles));
        return new MonitorSession(new DatabasePools(chosen, target, target, standby), profiles).countInBackground();
    }

    private void run(String what, Opening opening) {
        busy.set(true);
        busyText.set(what);
        error.set("");
        Task<Opened> task = new Task<>() {
            @Override
            protected Opened call() throws Exception {
                return opening.call();
            }
        };
        task.setOnSucceeded(e -> switchTo(task.getValue()));
        task.setOnFailed(e -> {
            busy.set(false);
            error.set(Errors.describe(task.getException()));
            LOG.warn("{} failed", what, task.getException());
        });
        executor.execute(task);
    }

    private void switchTo(Opened opened) {
        MonitorSession old = session.get();
        DemoDatabase oldDemo = demo;
        // A demo stays running while another database is open, so "Open demo" returns to it; a new demo replaces it.
        demo = opened.demo() != null ? opened.demo() : oldDemo;
        ConnectionIdentity now = opened.session().pools().identity();
        identity.set(now);
        session.set(opened.session());
        standbyLag.show(opened.session());
        connectionLabel.set(now.label() + " · " + opened.label());
        windowTitle.set("Pitwall — " + now.label() + (now.readOnly() ? " · read-only" : ""));
        busy.set(false);
        executor.execute(() -> closeQuietly(old, oldDemo == demo ? null : oldDemo));
    }

    private static void closeQuietly(MonitorSession oldSession, DemoDatabase oldDemo) {
        try {
            if (oldSession != null) {
                oldSession.close();
            }
            if (oldDemo != null) {
                oldDemo.close();
            }
        } catch (RuntimeException e) {
            LOG.warn("closing the previous connection failed", e);
        }
    }

    /** The standby badge: its lag while the console monitors a standby. */
    public StandbyLagWatch standbyLag() {
        return standbyLag;
    }

    public ReadOnlyObjectProperty<MonitorSession> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectionLabelProperty() {
        return connectionLabel.getReadOnlyProperty();
    }

    /** The connection's name, environment, colour and read-only flag; null before the first connect. */
    public ReadOnlyObjectProperty<ConnectionIdentity> identityProperty() {
        return identity.getReadOnlyProperty();
    }

    /** "Pitwall — orders (production)": which database this window is on, also in the task switcher. */
    public ReadOnlyStringProperty windowTitleProperty() {
        return windowTitle.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty busyTextProperty() {
        return busyText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ProfileRegistry> registryProperty() {
        return registry.getReadOnlyProperty();
    }
}
