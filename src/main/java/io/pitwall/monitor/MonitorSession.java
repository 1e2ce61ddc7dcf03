package io.pitwall.monitor;

import io.pitwall.connect.DatabasePools;
import io.pitwall.profile.Binding;
import io.pitwall.profile.CatalogDetector;
import io.pitwall.profile.Detection;
import io.pitwall.profile.ProfileRegistry;
import io.pitwall.queue.Pipeline;
import io.pitwall.queue.PipelineSummary;
import io.pitwall.queue.QueueTrend;
import io.pitwall.queue.StatusSnapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

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
    private volatile Detection detection;

    public MonitorSession(DatabasePools pools, ProfileRegistry registry) {
        this.pools = pools;
        this.registry = registry;
    }

    public DatabasePools pools() {
        return pools;
    }

    public ProfileRegistry registry() {
        return registry;
    }

    /** Detects on first use and after {@link #forgetDetection()}; later calls reuse the result. */
    public Detection detection() throws SQLException {
        Detection known = detection;
        if (known == null) {
            try (Connection connection = pools.monitor().getConnection()) {
                known = new CatalogDetector(registry.profiles()).detect(connection);
            }
            detection = known;
        }
        return known;
    }

    /** Makes the next read detect again, e.g. after a reconnect or a schema change. */
    public void forgetDetection() {
        detection = null;
    }

    public StatusSnapshot status(String profileId) throws SQLException {
        List<Binding> bindings = profileId == null ? detection().bindings() : detection().forProfile(profileId);
        return statusReader.read(pools.monitor(), bindings);
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

    @Override
    public void close() {
        pools.close();
    }
}
