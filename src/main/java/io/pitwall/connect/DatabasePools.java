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
    private final ConnectionTarget standby;
    private final HikariDataSource primaryPool;
    private final ReadOnlyDataSource primaryReads;
    private final HikariDataSource actions;
    private final SshTunnel tunnel;
    private final String tunnelKey;
    private final SshTunnel standbyTunnel;
    private final String standbyTunnelKey;

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
        this(identity, monitorTarget, actionTarget, null, SshSettings.ofSystem());
    }

    /**
     * As above; a target behind an SSH bastion is reached through one tunnel that both pools share, found with
     * these settings (known_hosts, keys, agent, ~/.ssh/config).
     */
    public DatabasePools(ConnectionIdentity identity, ConnectionTarget monitorTarget, ConnectionTarget actionTarget,
                         SshSettings ssh) {
        this(identity, monitorTarget, actionTarget, null, ssh);
    }

    /** As above, with the monitoring read from a standby (see the next constructor). */
    public DatabasePools(ConnectionIdentity identity, ConnectionTarget monitorTarget, ConnectionTarget actionTarget,
                         ConnectionTarget standby) {
        this(identity, monitorTarget, actionTarget, standby, SshSettings.ofSystem());
    }

    /**
     * With the monitoring read from a standby: the screens' reads go to {@code standby}, while every preview, every
     * action and the audit log read the primary ({@link #primaryReads()}, {@link #actions()}). A standby behind a
     * bastion of its own gets a tunnel of its own.
     *
     * @param standby a hot standby of the primary, reached as the monitor role; null: monitor the primary itself
     */
    public DatabasePools(ConnectionIdentity identity, ConnectionTarget monitorTarget, ConnectionTarget actionTarget,
                         ConnectionTarget standby, SshSettings ssh) {
        this.target = monitorTarget;
        this.standby = standby;
        this.identity = identity;
        this.tunnel = monitorTarget.bastion() == null ? null
                : new SshTunnel(monitorTarget.bastion(), monitorTarget.host(), monitorTarget.port(), ssh);
        this.tunnelKey = tunnel == null ? null : TunnelSocketFactory.register(tunnel);
        this.standbyTunnel = standby == null || standby.bastion() == null ? null
                : new SshTunnel(standby.bastion(), standby.host(), standby.port(), ssh);
        this.standbyTunnelKey = standbyTunnel == null ? null : TunnelSocketFactory.register(standbyTunnel);
        ReadPool primary = readPool(monitorTarget, "monitor", standby == null ? 3 : 1, tunnelKey);
        ReadPool monitored = standby == null ? primary : readPool(standby, "standby", 3, standbyTunnelKey);
        this.monitorLogins = monitored.logins();
        this.monitorPool = monitored.pool();
        this.monitor = monitored.source();
        this.primaryPool = standby == null ? null : primary.pool();
        this.primaryReads = primary.source();
        // The audit row's "connection" column defaults to this setting, so each row names the connection it came from.
        this.actions = identity.readOnly() ? null : new HikariDataSource(config(new OnceRejected(dataSource(actionTarget,
                "actions", "-c statement_timeout=60000 -c pitwall.connection=" + optionValue(identity.name()), tunnelKey)),
                "actions", 2));
    }

    private record ReadPool(OnceRejected logins, HikariDataSource pool, ReadOnlyDataSource source) {
    }

    private static ReadPool readPool(ConnectionTarget target, String purpose, int size, String tunnelKey) {
        // No parallel workers: a monitor read is an index read of a few thousand rows, for which starting workers
        // costs more than it saves (measured: 26 ms against 5 ms for the count of a 1M-row table), and a console
        // must not take a production server's workers from its applications.
        OnceRejected logins = new OnceRejected(dataSource(target, purpose,
                "-c default_transaction_read_only=on -c statement_timeout=" + MONITOR_STATEMENT_TIMEOUT.toMillis()
                        + " -c max_parallel_workers_per_gather=0", tunnelKey));
        HikariConfig config = config(logins, purpose, size);
        config.setAutoCommit(false);
        config.setReadOnly(true);
        HikariDataSource pool = new HikariDataSource(config);
        return new ReadPool(logins, pool, new ReadOnlyDataSource(pool, logins, MONITOR_STATEMENT_TIMEOUT));
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

    /**
     * Read-only reads of the primary itself, for what must be the primary's truth: an action's preview and the
     * audit log. The monitor pool when there is no standby.
     */
    public DataSource primaryReads() {
        return primaryReads;
    }

    /** The standby the monitoring reads from, or null when it reads the primary. */
    public ConnectionTarget standby() {
        return standby;
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
        if (primaryPool != null) {
            primaryPool.close();
        }
        if (actions != null) {
            actions.close();
        }
        if (tunnel != null) {
            TunnelSocketFactory.unregister(tunnelKey);
            tunnel.close();
        }
        if (standbyTunnel != null) {
            TunnelSocketFactory.unregister(standbyTunnelKey);
            standbyTunnel.close();
        }
    }
}
