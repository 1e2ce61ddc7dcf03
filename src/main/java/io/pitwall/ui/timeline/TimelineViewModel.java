package io.pitwall.ui.timeline;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.Binding;
import io.pitwall.queue.Pipeline;
import io.pitwall.queue.PipelineSummary;
import io.pitwall.ui.shell.ShowsSession;
import io.pitwall.ui.common.Errors;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.ScheduledService;
import javafx.concurrent.Task;
import javafx.util.Duration;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The timeline screen's state: the profiles that have pipelines, the picker's list (searched by key), and the
 * open pipeline, re-read every few seconds while the screen shows so running bars grow.
 */
public final class TimelineViewModel implements ShowsSession {

    public static final Duration REFRESH = Duration.seconds(3);

    // Properties
    private final ObservableList<String> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<String> profile = new SimpleObjectProperty<>();
    private final StringProperty search = new SimpleStringProperty("");
    private final ObservableList<PipelineSummary> pipelines = FXCollections.observableArrayList();
    // One wrapper each for the life of the view model: a wrapper listens weakly, a fresh one per call loses events.
    private final ObservableList<String> readOnlyProfiles = FXCollections.unmodifiableObservableList(profiles);
    private final ObservableList<PipelineSummary> readOnlyPipelines = FXCollections.unmodifiableObservableList(pipelines);
    private final ReadOnlyObjectWrapper<Pipeline> pipeline = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();

    private final Executor executor;
    // A fresh service per opened pipeline: restarting one that is mid-cycle trips JavaFX's own assertions.
    private ScheduledService<Pipeline> poller;
    private boolean showing;
    private MonitorSession session;
    private String openKey;
    private long listGeneration;

    public TimelineViewModel(Executor executor) {
        this.executor = executor;
        profile.addListener((obs, old, id) -> {
            if (!Objects.equals(old, id)) {
                close();
                refreshList();
            }
        });
        search.addListener((obs, old, text) -> refreshList());
    }

    private ScheduledService<Pipeline> newPoller(MonitorSession current, String profileId, String key) {
        long[] took = new long[1];
        ScheduledService<Pipeline> service = new ScheduledService<>() {
            @Override
            protected Task<Pipeline> createTask() {
                return new Task<>() {
                    @Override
                    protected Pipeline call() throws Exception {
                        long start = System.nanoTime();
                        Pipeline read = current.pipeline(profileId, key);
                        took[0] = (System.nanoTime() - start) / 1_000_000;
                        return read;
                    }
                };
            }
        };
        service.setExecutor(executor);
        service.setPeriod(REFRESH);
        service.setRestartOnFailure(true);
        service.setMaximumFailureCount(Integer.MAX_VALUE);
        service.setOnSucceeded(e -> {
            // A pipeline read that cannot use an index (a JSON key on a big table) takes a second; re-reading
            // it every few seconds would load the database. So the re-read waits 20 times as long as a read took.
            service.setPeriod(Duration.millis(Math.max(REFRESH.toMillis(), 20 * took[0])));
            Pipeline read = service.getValue();
            if (service == poller && read != null && Objects.equals(read.key(), openKey)) {
                pipeline.set(read);
                problem.set("");
            }
            loading.set(false);
        });
        service.setOnFailed(e -> {
            if (service == poller) {
                problem.set(Errors.describe(service.getException()));
            }
            loading.set(false);
        });
        return service;
    }

    private void startPolling() {
        stopPolling();
        // Only the visible screen polls; a pipeline opened while hidden is read when the screen shows.
        if (showing && session != null && openKey != null && profile.get() != null) {
            poller = newPoller(session, profile.get(), openKey);
            poller.start();
        }
    }

    private void stopPolling() {
        if (poller != null) {
            poller.cancel();
            poller = null;
        }
    }

    // Commands

    @Override
    public void show(MonitorSession newSession) {
        stopPolling();
        session = newSession;
        openKey = null;
        pipeline.set(null);
        pipelines.clear();
        profiles.clear();
        problem.set("");
        if (newSession != null) {
            loadProfiles(null);
        }
    }

    /** Opens one pipeline, e.g. when an operator jumps here from a task. */
    public void open(String profileId, String key) {
        if (!Objects.equals(profile.get(), profileId)) {
            profile.set(profileId);
        }
        if (Objects.equals(openKey, key) && poller != null) {
            return;
        }
        openKey = key;
        pipeline.set(null);
        problem.set("");
        if (session != null && key != null) {
            loading.set(true);
            startPolling();
        }
    }

    public void close() {
        stopPolling();
        openKey = null;
        pipeline.set(null);
    }

    public void start() {
        showing = true;
        if (session != null && profiles.isEmpty()) {
            loadProfiles(null); // a first read that failed (a busy pool, say) is tried again when the screen shows
        }
        if (session != null && openKey != null && poller == null) {
            startPolling();
        }
        if (session != null) {
            refreshList();
        }
    }

    public void stop() {
        showing = false;
        stopPolling();
    }

    /** True while an open pipeline is re-read on a timer; never while the screen is hidden. */
    public boolean polling() {
        return poller != null;
    }

    /** Re-reads the picker's list for the current profile and search; a late answer to an older search is dropped. */
    public void refreshList() {
        MonitorSession current = session;
        String profileId = profile.get();
        if (current == null || profileId == null || !showing) {
            return; // a hidden screen reads nothing; start() reads the list when it shows
        }
        String text = search.get();
        long generation = ++listGeneration;
        run(() -> current.pipelines(profileId, text), list -> {
            if (generation == listGeneration) {
                pipelines.setAll(list);
                // Never an empty chart on a wall screen: until the operator picks, show the most recent pipeline
                // that failed somewhere (what someone woken at 3 a.m. came to see), else the most recent one.
                if (openKey == null && !list.isEmpty() && (text == null || text.isBlank())) {
                    var shown = list.stream().filter(p -> p.counts().get(io.pitwall.queue.CanonicalState.FAILED) > 0)
                            .findFirst().orElse(list.getFirst());
                    open(shown.profileId(), shown.key());
                }
            }
        });
    }

    private void loadProfiles(Runnable then) {
        MonitorSession current = session;
        run(() -> current.detection().bindings().stream()
                .filter(b -> b.profile().tasks().pipelineKey() != null)
                .map(Binding::profile).map(p -> p.id()).distinct().toList(), ids -> {
            if (current != session) {
                return;
            }
            profiles.setAll(ids);
            if (profile.get() == null || !ids.contains(profile.get())) {
                profile.set(ids.isEmpty() ? null : ids.getFirst());
            } else {
                refreshList();
            }
            if (then != null) {
                then.run();
            }
        });
    }

    private interface Read<T> {
        T call() throws Exception;
    }

    private <T> void run(Read<T> read, java.util.function.Consumer<T> apply) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return read.call();
            }
        };
        task.setOnSucceeded(e -> apply.accept(task.getValue()));
        task.setOnFailed(e -> problem.set(Errors.describe(task.getException())));
        executor.execute(task);
    }

    public ObservableList<String> profiles() {
        return readOnlyProfiles;
    }

    public ObjectProperty<String> profileProperty() {
        return profile;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObservableList<PipelineSummary> pipelines() {
        return readOnlyPipelines;
    }

    public List<PipelineSummary> pipelineList() {
        assert Platform.isFxApplicationThread();
        return List.copyOf(pipelines);
    }

    public ReadOnlyObjectProperty<Pipeline> pipelineProperty() {
        return pipeline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
