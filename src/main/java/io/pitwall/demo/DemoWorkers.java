package io.pitwall.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Simulated workers for every demo system, each ticking on its own background thread. */
final class DemoWorkers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoWorkers.class);
    static final long TICK_MILLIS = 800;

    private final HikariDataSource dataSource;
    private final List<DemoSystem> systems;
    private final ScheduledExecutorService scheduler;

    DemoWorkers(DataSource postgres, List<DemoSystem> systems) {
        // Pooled: every tick of every system would otherwise fork a new PostgreSQL backend.
        HikariConfig config = new HikariConfig();
        config.setPoolName("pitwall-demo-workers");
        config.setDataSource(postgres);
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        this.dataSource = new HikariDataSource(config);
        this.systems = systems;
        this.scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "demo-workers");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        long offset = 0;
        for (DemoSystem system : systems) {
            Random random = new Random(system.profileId().hashCode());
            scheduler.scheduleWithFixedDelay(() -> tick(system, random), offset, TICK_MILLIS, TimeUnit.MILLISECONDS);
            offset += TICK_MILLIS / systems.size();
        }
    }

    private void tick(DemoSystem system, Random random) {
        try (Connection connection = dataSource.getConnection()) {
            system.tick(connection, random);
        } catch (SQLException | RuntimeException e) {
            // A worker that fails one tick tries again on the next, like a real one; keep the demo running.
            LOG.debug("demo worker for {} failed a tick: {}", system.profileId(), e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dataSource.close();
    }
}
