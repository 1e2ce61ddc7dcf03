package io.pitwall.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;

/**
 * An embedded PostgreSQL holding every demo system's schema and an hour of history, with simulated workers
 * that keep it moving. What a new user sees before pointing Pitwall at their own database.
 */
public final class DemoDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoDatabase.class);

    private final EmbeddedPostgres postgres;
    private final List<DemoSystem> systems;
    private DemoWorkers workers;

    private DemoDatabase(EmbeddedPostgres postgres, List<DemoSystem> systems) {
        this.postgres = postgres;
        this.systems = systems;
    }

    static List<DemoSystem> allSystems() {
        return List.of(new CloudgovDemo(), new Dsa110Demo(), new ShithubDemo(), new AbsurdDemo(), new BroadleafDemo(),
                new PermanentDemo(), new Shithub0018Demo(), new SolidQueueDemo(),
                new GoodJobDemo(), new GraphileWorkerDemo(), new PgBossDemo(), new RiverDemo(), new ObanDemo(),
                new ProcrastinateDemo());
    }

    /**
     * Starts PostgreSQL on {@code port} (0 picks a free one), creates and fills the schemas.
     *
     * @param seed makes the starting rows repeatable
     */
    public static DemoDatabase start(int port, long seed) throws IOException, SQLException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setCleanDataDirectory(true)
                .setServerConfig("max_connections", "60");
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        DemoDatabase demo = new DemoDatabase(postgres, allSystems());
        try {
            demo.load(new Random(seed));
        } catch (SQLException | RuntimeException e) {
            demo.close();
            throw e;
        }
        return demo;
    }

    private void load(Random random) throws SQLException {
        try (Connection connection = dataSource().getConnection()) {
            for (DemoSystem system : systems) {
                system.createSchema(connection);
                system.seed(connection, random);
            }
            Jdbc.update(connection, "ANALYZE");
        }
        LOG.info("demo database loaded: {} systems on port {}", systems.size(), postgres.getPort());
    }

    /** Starts the simulated workers; they tick until {@link #close()}. */
    public synchronized void startWorkers() {
        if (workers == null) {
            workers = new DemoWorkers(dataSource(), systems);
            workers.start();
        }
    }

    /** Stops the simulated workers and waits for their last tick, so the rows hold still (tests compare counts). */
    public synchronized void stopWorkers() {
        if (workers != null) {
            workers.close();
            workers = null;
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** A libpq URI for psql and for Pitwall's own --url. */
    public String url() {
        return "postgresql://postgres@localhost:" + port() + "/postgres";
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    @Override
    public synchronized void close() {
        if (workers != null) {
            workers.close();
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
