package io.pitwall.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for tests: one embedded server per test JVM (started on first use, 2–4 s), and a fresh,
 * empty database per caller so test classes never see each other's rows.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private final String name;
    private final DataSource dataSource;

    private TestDatabase(String name, DataSource dataSource) {
        this.name = name;
        this.dataSource = dataSource;
    }

    /**
     * {@code -Dpitwall.test.port=N}: make {@link #fresh()}'s databases on a PostgreSQL already running on localhost:N
     * (as postgres, trusted), to run a test on another server version than the embedded one.
     */
    private static final String OTHER_SERVER_PORT = System.getProperty("pitwall.test.port");

    /** A new empty database on the shared server. */
    public static TestDatabase fresh() {
        String name = "t" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid();
        if (OTHER_SERVER_PORT != null) {
            org.postgresql.ds.PGSimpleDataSource other = new org.postgresql.ds.PGSimpleDataSource();
            other.setUrl("jdbc:postgresql://localhost:" + OTHER_SERVER_PORT + "/postgres?user=postgres");
            try (Connection admin = other.getConnection(); Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create test database " + name, e);
            }
            other.setDatabaseName(name);
            other.setUrl("jdbc:postgresql://localhost:" + OTHER_SERVER_PORT + "/" + name + "?user=postgres");
            return new TestDatabase(name, other);
        }
        try (Connection admin = server().getPostgresDatabase().getConnection();
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new TestDatabase(name, server().getDatabase("postgres", name));
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setCleanDataDirectory(true)
                        .setServerConfig("max_connections", "200").start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return server;
    }

    public String name() {
        return name;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** A libpq URI for this database, as an operator would pass it to --url. */
    public String url() {
        return "postgresql://postgres@localhost:" + (OTHER_SERVER_PORT != null ? OTHER_SERVER_PORT : server().getPort()) + "/" + name;
    }

    /** Runs SQL (several statements allowed) as the superuser. */
    public void execute(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + e.getMessage() + "\n" + sql, e);
        }
    }
}
