package io.pitwall.connect;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pitwall.connect.ssh.SshFailure;
import io.pitwall.connect.ssh.SshSettings;
import io.pitwall.connect.ssh.SshTunnel;
import io.pitwall.connect.ssh.TunnelSocketFactory;
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
    private final ConnectionIdentity identity;
    private final OnceRejected monitorLogins;
    private final HikariDataSource monitorPool;
    private final ReadOnlyDataSource monitor;
    private final HikariDataSource actions;
    private final SshTunnel tunnel;
    private final String tunnelKey;

    public DatabasePools(ConnectionTarget target) {
        this(ConnectionIdentity.of(target), target, target);
    }

    public DatabasePools(ConnectionIdentity identity, ConnectionTarget target) {
        this(identity, target, target);
    }

    /**
     * Monitors as one role and acts as another, on the same database. A read-only identity gets no action pool
     * at all: {@link #actions()} refuses, whatever asks.
     */
    public DatabasePools(ConnectionIdentity identity, ConnectionTarget monitorTarget, ConnectionTarget actionTarget) {
        this(identity, monitorTarget, actionTarget, SshSettings.ofSystem());
    }

    /**
     * As above; a target behind an SSH bastion is reached through one tunnel that both pools share, found with
     * these settings (known_hosts, keys, agent, ~/.ssh/config).
     */
    public DatabasePools(ConnectionIdentity identity, ConnectionTarget monitorTarget, ConnectionTarget actionTarget,
                         SshSettings ssh) {
        this.target = monitorTarget;
        this.identity = identity;
        this.tunnel = monitorTarget.bastion() == null ? null
                : new SshTunnel(monitorTarget.bastion(), monitorTarget.host(), monitorTarget.port(), ssh);
        this.tunnelKey = tunnel == null ? null : TunnelSocketFactory.register(tunnel);
        // No parallel workers: a monitor read is an index read of a few thousand rows, for which starting workers
        // costs more than it saves (measured: 26 ms against 5 ms for the count of a 1M-row table), and a console
        // must not take a production server's workers from its applications.
        this.monitorLogins = new OnceRejected(dataSource(monitorTarget, "monitor",
                "-c default_transaction_read_only=on -c statement_timeout=" + MONITOR_STATEMENT_TIMEOUT.toMillis()
                        + " -c max_parallel_workers_per_gather=0", tunnelKey));
        HikariConfig monitorConfig = config(monitorLogins, "monitor", 3);
        monitorConfig.setAutoCommit(false);
        monitorConfig.setReadOnly(true);
        this.monitorPool = new HikariDataSource(monitorConfig);
        this.monitor = new ReadOnlyDataSource(monitorPool, monitorLogins, MONITOR_STATEMENT_TIMEOUT);
        // The audit row's "connection" column defaults to this setting, so each row names the connection it came from.
        this.actions = identity.readOnly() ? null : new HikariDataSource(config(new OnceRejected(dataSource(actionTarget,
                "actions", "-c statement_timeout=60000 -c pitwall.connection=" + optionValue(identity.name()), tunnelKey)),
                "actions", 2));
    }

    /** The server splits options on spaces; a backslash keeps a space or backslash inside one value. */
    static String optionValue(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (Character.isISOControl(c)) {
                continue;
            }
            if (c == '\\' || Character.isWhitespace(c)) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static HikariConfig config(OnceRejected source, String purpose, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("pitwall-" + purpose);
        config.setDataSource(source);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(1_000);
        // Never fail at construction: a database that is down must show a banner and be retried, not crash.
        config.setInitializationFailTimeout(-1);
        return config;
    }

    static PGSimpleDataSource dataSource(ConnectionTarget target, String purpose, String options) {
        return dataSource(target, purpose, options, null);
    }

    /**
     * Every value goes in as a driver property of its own, so no text can smuggle in another parameter. Behind a
     * bastion the host and port stay the database's own (TLS checks its certificate) and the socket factory
     * connects each socket through the tunnel registered under {@code tunnelKey}.
     */
    @SuppressWarnings("deprecation") // socketFactoryArg: the driver's only way to hand a factory its argument
    static PGSimpleDataSource dataSource(ConnectionTarget target, String purpose, String options, String tunnelKey) {
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
        if (tunnelKey != null) {
            source.setSocketFactory(TunnelSocketFactory.class.getName());
            source.setSocketFactoryArg(tunnelKey);
        }
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

    public ConnectionIdentity identity() {
        return identity;
    }

    /** How often the monitor pool asked the server for a session (a rejected login is asked once). */
    int monitorLoginAttempts() {
        return monitorLogins.attempts();
    }

    /**
     * Opens the SSH tunnel now, when there is one, so a refused host key or login is reported as such before any
     * query (the pools would otherwise meet it inside a driver error). Does nothing for a direct connection.
     */
    public void openTunnel() throws SshFailure {
        if (tunnel != null) {
            tunnel.localPort();
        }
    }

    public boolean readOnly() {
        return actions == null;
    }

    /** Read-only, with a statement timeout: for every monitoring read. */
    public DataSource monitor() {
        return monitor;
    }

    /** Read-write: only the runbook executor uses it. Refuses on a read-only connection. */
    public DataSource actions() throws ReadOnlyConnectionException {
        if (actions == null) {
            throw new ReadOnlyConnectionException(identity);
        }
        return actions;
    }

    @Override
    public void close() {
        monitorPool.close();
        if (actions != null) {
            actions.close();
        }
        if (tunnel != null) {
            TunnelSocketFactory.unregister(tunnelKey);
            tunnel.close();
        }
    }
}
