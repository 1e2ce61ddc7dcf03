package io.pitwall.ui.shell;

import io.pitwall.connect.BadTargetException;
import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.ConnectionProbe;
import io.pitwall.connect.ConnectionTarget;
import io.pitwall.connect.SavedConnections;
import io.pitwall.connect.ssh.SshFailure;
import io.pitwall.connect.ssh.SshSettings;
import io.pitwall.demo.DemoDatabase;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ProfileRegistry;
import io.pitwall.ui.common.Errors;
import io.pitwall.ui.connect.ConnectFailure;
import io.pitwall.ui.connect.ConnectRequest;
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
 * Which database the console is on: switches to the session a connect or the demo opened ({@link SessionOpener}
 * builds and tests it), says which it is (title, top bar), and closes what it replaced. Every connect and start
 * runs on the background executor; results land on the FX thread.
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
    private final SessionOpener opener;
    private DemoDatabase demo;

    public ShellViewModel(ExecutorService executor, SavedConnections savedConnections) {
        this(executor, savedConnections, SshSettings.ofSystem());
    }

    /** @param ssh where SSH keys, known_hosts and ~/.ssh/config are, for connections through a bastion */
    public ShellViewModel(ExecutorService executor, SavedConnections savedConnections, SshSettings ssh) {
        this.executor = executor;
        this.standbyLag = new StandbyLagWatch(executor);
        this.opener = new SessionOpener(savedConnections, ssh);
    }

    // Commands

    public void startDemo() {
        run("Starting the demo database…", opener::demo);
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
        tryOpen(request, failure -> error.set(failure.reason()), () -> { });
    }

    /** As {@link #tryOpen}, with the reason alone. */
    public void open(ConnectRequest request, Consumer<String> onFailure, Runnable onSuccess) {
        tryOpen(request, failure -> onFailure.accept(failure.reason()), onSuccess);
    }

    /**
     * Tests the new target (reachable, authenticated, which profiles it holds) and only then replaces the current
     * connection; on failure the current one stays as it was and {@code onFailure} gets the reason. Runs on the
     * executor; both callbacks run on the FX thread.
     */
    public void tryOpen(ConnectRequest request, Consumer<ConnectFailure> onFailure, Runnable onSuccess) {
        Task<SessionOpener.Opened> task = new Task<>() {
            @Override
            protected SessionOpener.Opened call() throws Exception {
                return opener.test(request);
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
            SshFailure ssh = SshFailure.in(failure);
            String reason = failure instanceof ConnectionProbe.Failed || failure instanceof BadTargetException
                    ? failure.getMessage() : Errors.describe(failure);
            onFailure.accept(new ConnectFailure(reason,
                    ssh != null && ssh.kind() == SshFailure.Kind.UNKNOWN_HOST_KEY ? ssh.fingerprint() : null));
        });
        executor.execute(task);
    }

    /** {@link #tryOpen}, with the busy overlay while the target is tested (nothing else shows progress then). */
    public void openShowingProgress(ConnectRequest request, Consumer<ConnectFailure> onFailure, Runnable onSuccess) {
        busy.set(true);
        busyText.set("Opening " + (request.name() == null ? request.uri() : request.name()) + "…");
        tryOpen(request, onFailure, onSuccess);
    }

    /** Saved connections, read on the background executor. */
    public void loadSaved(java.util.function.Consumer<List<SavedConnections.Saved>> onLoaded) {
        Task<List<SavedConnections.Saved>> task = new Task<>() {
            @Override
            protected List<SavedConnections.Saved> call() {
                return opener.saved();
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

    private interface Opening {
        SessionOpener.Opened call() throws Exception;
    }

    private void run(String what, Opening opening) {
        busy.set(true);
        busyText.set(what);
        error.set("");
        Task<SessionOpener.Opened> task = new Task<>() {
            @Override
            protected SessionOpener.Opened call() throws Exception {
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

    private void switchTo(SessionOpener.Opened opened) {
        MonitorSession old = session.get();
        DemoDatabase oldDemo = demo;
        // A demo stays running while another database is open, so "Open demo" returns to it; a new demo replaces it.
        demo = opened.demo() != null ? opened.demo() : oldDemo;
        ConnectionIdentity now = opened.session().pools().identity();
        registry.set(opened.session().registry());
        identity.set(now);
        session.set(opened.session());
        standbyLag.show(opened.session());
        ConnectionTarget through = opened.session().pools().target();
        connectionLabel.set(now.label() + " · " + opened.label()
                + (through.bastion() == null ? "" : " via ssh " + through.bastion().spec()));
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
