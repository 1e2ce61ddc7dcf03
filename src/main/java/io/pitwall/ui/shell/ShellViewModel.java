package io.pitwall.ui.shell;

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

/**
 * Which database the console is on: connects, starts the demo, and closes what it opened.
 * Every connect and start runs on the background executor; results land on the FX thread.
 */
public final class ShellViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ShellViewModel.class);

    // Properties
    private final ReadOnlyObjectWrapper<MonitorSession> session = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper connectionLabel = new ReadOnlyStringWrapper("not connected");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper busyText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ProfileRegistry> registry = new ReadOnlyObjectWrapper<>();

    private final ExecutorService executor;
    private final SavedConnections savedConnections;
    private DemoDatabase demo;

    public ShellViewModel(ExecutorService executor, SavedConnections savedConnections) {
        this.executor = executor;
        this.savedConnections = savedConnections;
    }

    // Commands

    public void startDemo() {
        run("Starting the demo database…", () -> {
            DemoDatabase started = DemoDatabase.start(0, System.nanoTime());
            started.startWorkers();
            ConnectionTarget target = TargetResolver.fromSystem().resolve(started.url());
            return new Opened(open(target), "demo · " + target.displayUri(), started);
        });
    }

    public void connect(ConnectRequest request) {
        if (request.demo()) {
            startDemo();
            return;
        }
        run("Connecting…", () -> {
            ConnectionTarget target = TargetResolver.fromSystem().resolve(request.uri());
            if (request.password() != null) {
                target = target.withPassword(request.password());
            }
            savedConnections.remember(target.database() + " on " + target.host(), target);
            return new Opened(open(target), target.displayUri(), null);
        });
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
        demo = null;
        closeQuietly(current, currentDemo);
    }

    private record Opened(MonitorSession session, String label, DemoDatabase demo) {
    }

    private interface Opening {
        Opened call() throws Exception;
    }

    private MonitorSession open(ConnectionTarget target) {
        ProfileRegistry profiles = new ProfileLoader().loadAll();
        profiles.problems().forEach(p -> LOG.warn("profile: {}", p));
        Platform.runLater(() -> registry.set(profiles));
        return new MonitorSession(new DatabasePools(target), profiles);
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
        task.setOnSucceeded(e -> {
            Opened opened = task.getValue();
            MonitorSession old = session.get();
            DemoDatabase oldDemo = demo;
            demo = opened.demo() != null ? opened.demo() : oldDemo;
            session.set(opened.session());
            connectionLabel.set(opened.label());
            busy.set(false);
            executor.execute(() -> closeQuietly(old, oldDemo == demo ? null : oldDemo));
        });
        task.setOnFailed(e -> {
            busy.set(false);
            error.set(Errors.describe(task.getException()));
            LOG.warn("{} failed", what, task.getException());
        });
        executor.execute(task);
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

    public ReadOnlyObjectProperty<MonitorSession> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectionLabelProperty() {
        return connectionLabel.getReadOnlyProperty();
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
