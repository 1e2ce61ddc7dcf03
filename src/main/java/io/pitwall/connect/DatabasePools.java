package io.pitwall.connect;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * The two pools Pitwall keeps per database: a small read-only one for monitoring, where every statement
 * has a timeout, and a separate one for actions so a slow screen never blocks an intervention.
 */
public final class DatabasePools implements AutoCloseable {

    public static final Duration MONITOR_STATEMENT_TIMEOUT = Duration.ofSeconds(5);

    private final ConnectionTarget target;
    private final HikariDataSource monitor;
    private final HikariDataSource actions;

    public DatabasePools(ConnectionTarget target) {
        this.target = target;
        this.monitor = new HikariDataSource(config(target, "monitor", 3, true,
                "-c default_transaction_read_only=on -c statement_timeout=" + MONITOR_STATEMENT_TIMEOUT.toMillis()));
        this.actions = new HikariDataSource(config(target, "actions", 2, false, "-c statement_timeout=60000"));
    }

    private static HikariConfig config(ConnectionTarget target, String purpose, int size, boolean readOnly,
                                       String options) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("pitwall-" + purpose);
        config.setJdbcUrl(target.jdbcUrl());
        config.setUsername(target.user());
        config.setPassword(target.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setReadOnly(readOnly);
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(1_000);
        // Never fail at construction: a database that is down must show a banner and be retried, not crash.
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("options", options);
        config.addDataSourceProperty("ApplicationName", "pitwall-" + purpose);
        config.addDataSourceProperty("socketTimeout", "30");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        return config;
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
        monitor.close();
        actions.close();
    }
}
