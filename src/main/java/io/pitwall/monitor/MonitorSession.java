package io.pitwall.monitor;

import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.ssh.SshFailure;
import io.pitwall.profile.Binding;
import io.pitwall.profile.CatalogDetector;
import io.pitwall.profile.Detection;
import io.pitwall.profile.ProfileRegistry;
import io.pitwall.queue.Pipeline;
import io.pitwall.queue.PipelineSummary;
import io.pitwall.queue.QueueTrend;
import io.pitwall.queue.FailedTask;
import io.pitwall.queue.StatusSnapshot;
import io.pitwall.queue.StuckItem;
import io.pitwall.queue.TaskDetail;
import io.pitwall.queue.TaskFilter;
import io.pitwall.queue.TaskPage;
import io.pitwall.queue.ThresholdOverride;
import io.pitwall.queue.WorkerSummary;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The read side for one database: detects its profiles once and reads their status on demand.
 * Shared by the command line and the console, so both see the same numbers.
 */
public final class MonitorSession implements AutoCloseable {

    private final DatabasePools pools;
    private final ProfileRegistry registry;
    private final StatusReader statusReader = new StatusReader();
    private final PipelineReader pipelineReader = new PipelineReader();
    private final TrendReader trendReader = new TrendReader();
    private final StuckReader stuckReader = new StuckReader();
    private final FailedReader failedReader = new FailedReader();
    private final TaskDetailReader detailReader = new TaskDetailReader();
    private final WorkersReader workersReader = new WorkersReader();
    private final KindAgeReader kindAgeReader = new KindAgeReader();
    private final ReplicaLagReader replicaLagReader = new ReplicaLagReader();
    private volatile Detection detection;

    public MonitorSession(DatabasePools pools, ProfileRegistry registry) {
        this.pools = pools;
        this.registry = registry;
    }

    public DatabasePools pools() {
        return pools;
    }

    /**
     * A read that failed because an SSH tunnel under it closed (the bastion went down mid-query) is the bastion's
     * failure, met by reopening the tunnel, not the driver's I/O error that reads as the database being down.
     * Anything else, and a tunnel that is open or reopens, leaves the failure as it is.
     */
    public Exception blame(Exception failure) {
        if (SshFailure.in(failure) != null) {
            return failure;
        }
        try {
            pools.reopenClosedTunnels();
            return failure;
        } catch (SshFailure down) {
            down.addSuppressed(failure);
            return down;
        }
    }

    public ProfileRegistry registry() {
        return registry;
    }

    /** Detects on first use and after {@link #forgetDetection()}; later calls reuse the result. */
    public Detection detection() throws SQLException {
        Detection known = detection;
        if (known == null) {
            try (Connection connection = pools.monitor().getConnection()) {
                known = new CatalogDetector(registry).detect(connection);
            }
            detection = known;
        }
        return known;
    }

    /** The last detection without reading the database (for the FX thread), or null before the first. */
    public Detection knownDetection() {
        return detection;
    }

    /** Makes the next read detect again, e.g. after a reconnect or a schema change. */
    public void forgetDetection() {
        detection = null;
    }

    /**
     * Counts what a refresh does not (terminal states of big tables) in the background
     * ({@link StatusReader#countInBackground()}), on the pools' background connection: never one of the screens'.
     */
    public MonitorSession countInBackground() {
        statusReader.countInBackground(pools.background());
        return this;
    }

    StatusReader statusReader() {
        return statusReader;
    }

    public StatusSnapshot status(String profileId) throws SQLException {
        List<Binding> bindings = profileId == null ? detection().bindings() : detection().forProfile(profileId);
        return statusReader.read(pools.monitor(), bindings);
    }

    /** Indexes the profiles need for exact counts on big tables and that this database lacks (EXPLAIN only). */
    public List<io.pitwall.queue.MissingIndex> missingIndexes(String profileId) throws SQLException {
        return statusReader.missingIndexes(pools.monitor(), bindings(profileId));
    }

    /** The spans of one pipeline of a profile, across every queue the profile is bound to here. */
    public Pipeline pipeline(String profileId, String key) throws SQLException {
        return pipelineReader.read(pools.monitor(), detection().forProfile(profileId), profileId, key);
    }

    /** The most recently active pipelines whose key contains {@code search} (all when blank), newest first. */
    public List<PipelineSummary> pipelines(String profileId, String search) throws SQLException {
        List<Binding> bindings = profileId == null ? detection().bindings() : detection().forProfile(profileId);
        return pipelineReader.recent(pools.monitor(), bindings, search);
    }

    /** Each detected queue's last hour: throughput per minute and the oldest queued task. */
    public List<QueueTrend> trends() throws SQLException {
        return trendReader.read(pools.monitor(), detection().bindings());
    }

    /** How far the database the monitoring reads from is behind its primary (not at all when it is the primary). */
    public io.pitwall.queue.ReplicaLag replicaLag() throws SQLException {
        return replicaLagReader.read(pools.monitor());
    }

    /** The oldest queued task of each kind of each detected queue. */
    public List<io.pitwall.queue.KindAge> kindAges() throws SQLException {
        return kindAgeReader.read(pools.monitor(), detection().bindings());
    }

    private List<Binding> bindings(String profileId) throws SQLException {
        return profileId == null ? detection().bindings() : detection().forProfile(profileId);
    }

    /** Stuck tasks and objects of one profile (or all), by its rules, with the run's thresholds where given. */
    public List<StuckItem> stuck(String profileId, List<ThresholdOverride> overrides, String kind) throws SQLException {
        return stuckReader.read(pools.monitor(), bindings(profileId), overrides, kind);
    }

    /** One keyset page of failed tasks of one binding. */
    public TaskPage<FailedTask> failed(Binding binding, TaskFilter filter, TaskPage.Cursor after, int limit)
            throws SQLException {
        return failedReader.page(pools.monitor(), binding, filter, after, limit);
    }

    /** The first page of failed tasks of every binding of a profile (or all), up to {@code limit} per binding. */
    public List<FailedTask> failed(String profileId, TaskFilter filter, int limit) throws SQLException {
        List<FailedTask> tasks = new ArrayList<>();
        for (Binding binding : bindings(profileId)) {
            tasks.addAll(failed(binding, filter, null, limit).rows());
        }
        return tasks;
    }

    public FailedReader.Grouped failedGroups(Binding binding, TaskFilter filter) throws SQLException {
        return failedReader.groups(pools.monitor(), binding, filter);
    }

    /** The task with this id in the first of the profile's bindings that has it. */
    public Optional<TaskDetail> task(String profileId, String taskId) throws SQLException {
        for (Binding binding : bindings(profileId)) {
            Optional<TaskDetail> found = task(binding, taskId);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    public Optional<TaskDetail> task(Binding binding, String taskId) throws SQLException {
        Optional<TaskDetail> found = detailReader.read(pools.monitor(), binding, taskId);
        if (found.isEmpty() || binding.profile().timeline().history().isEmpty()) {
            return found;
        }
        // The timeline's history sources (tables or arrays), read for this one task by its id.
        return Optional.of(found.get().withHistory(pipelineReader.taskHistory(pools.monitor(), binding, found.get().id())));
    }

    public List<WorkerSummary> workers(String profileId) throws SQLException {
        return workersReader.read(pools.monitor(), bindings(profileId));
    }

    @Override
    public void close() {
        statusReader.close();
        pools.close();
    }
}
