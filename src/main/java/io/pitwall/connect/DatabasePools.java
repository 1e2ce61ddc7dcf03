package io.pitwall.connect;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * The two pools Pitwall keeps per database: a small read-only one for monitoring, where every read runs in an
 * explicitly read-only transaction with a timeout, and a separate one for actions so a slow screen never blocks
 * an intervention. Connections are built from driver properties, never from a URL spliced out of user text.
 */
public final class DatabasePools implements AutoCloseable {

    public static final Duration MONITOR_STATEMENT_TIMEOUT = Duration.ofSeconds(5);

    private static final Map<String, String> LIBPQ_TO_JDBC = Map.of(
            "sslmode", "sslmode",
            "sslrootcert", "sslrootcert",
            "sslcert", "sslcert",
            "sslkey", "sslkey",
            "connect_timeout", "connectTimeout",
            "target_session_attrs", "targetServerType");

    private final ConnectionTarget target;
    private final HikariDataSource monitorPool;
    private final ReadOnlyDataSource monitor;
    private final HikariDataSource actions;

    public DatabasePools(ConnectionTarget target) {
        this(target, target);
    }

    /** Monitors as one role and acts as another, on the same database. */
    public DatabasePools(ConnectionTarget monitorTarget, ConnectionTarget actionTarget) {
        this.target = monitorTarget;
        HikariConfig monitorConfig = config(monitorTarget, "monitor", 3,
                "-c default_transaction_read_only=on -c statement_timeout=" + MONITOR_STATEMENT_TIMEOUT.toMillis());
        monitorConfig.setAutoCommit(false);
        monitorConfig.setReadOnly(true);
        this.monitorPool = new HikariDataSource(monitorConfig);
        this.monitor = new ReadOnlyDataSource(monitorPool, MONITOR_STATEMENT_TIMEOUT);
        this.actions = new HikariDataSource(config(actionTarget, "actions", 2, "-c statement_timeout=60000"));
    }

    private static HikariConfig config(ConnectionTarget target, String purpose, int size, String options) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("pitwall-" + purpose);
        config.setDataSource(dataSource(target, purpose, options));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(1_000);
        // Never fail at construction: a database that is down must show a banner and be retried, not crash.
        config.setInitializationFailTimeout(-1);
        return config;
    }

    /** Every value goes in as a driver property of its own, so no text can smuggle in another parameter. */
    static PGSimpleDataSource dataSource(ConnectionTarget target, String purpose, String options) {
        HostNames.check(target.host());
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[]{target.host()});
        source.setPortNumbers(new int[]{target.port()});
        source.setDatabaseName(target.database());
        source.setUser(target.user());
        source.setPassword(target.password());
        source.setOptions(options);
        // "transaction": a read-only connection with autocommit off sends BEGIN READ ONLY for every transaction.
        // Not "always": that mode turns the session default read-write whenever autocommit goes off.
        source.setReadOnlyMode("transaction");
        source.setApplicationName(target.params().getOrDefault("application_name", "pitwall-" + purpose));
        source.setSocketTimeout(30);
        source.setTcpKeepAlive(true);
        try {
            for (Map.Entry<String, String> param : target.params().entrySet()) {
                String jdbcName = LIBPQ_TO_JDBC.get(param.getKey());
                if (jdbcName != null) {
                    source.setProperty(jdbcName, param.getValue());
                }
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException("connection parameter not understood: " + e.getMessage(), e);
        }
        return source;
    }

    public ConnectionTarget target() {
        return target;
    }

    /** Read-only, with a statement timeout: for every monitoring read. */
    public DataSource monitor() {
        return monitor;
    }

    /** Read-write: only the runbook executor uses it. */
    public DataSource actions() {
        return actions;
    }

    @Override
    public void close() {
        monitorPool.close();
        actions.close();
    }
}
