package io.pitwall.connect;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pitwall.connect.ssh.SshFailure;
import io.pitwall.connect.ssh.SshSettings;
import io.pitwall.connect.ssh.SshTunnel;
import io.pitwall.connect.ssh.TunnelSocketFactory;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * The two pools Pitwall keeps per database: a small read-only one for monitoring, where every read runs in an
 * explicitly read-only transaction with a timeout, and a separate one for actions so a slow screen never blocks
 * an intervention. Connections are built from driver properties, never from a URL spliced out of user text.
 */
public final class DatabasePools implements AutoCloseable {

    public static final Duration MONITOR_STATEMENT_TIMEOUT = Duration.ofSeconds(5);

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
    private final ConnectionTarget actionTarget;
    private final boolean asksActionPassword;
    private volatile HikariDataSource actingNow;
    private final String tunnelKey;
    private final SshTunnel standbyTunnel;
    private final String standbyTunnelKey;
    private ReadPool background;
    private boolean closed;

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
        this(identity, monitorTarget, actionTarget, null, ssh, false);
    }

    /** As above, with the monitoring read from a standby (see the next constructor). */
    public DatabasePools(ConnectionIdentity identity, ConnectionTarget monitorTarget, ConnectionTarget actionTarget,
                         ConnectionTarget standby) {
        this(identity, monitorTarget, actionTarget, standby, SshSettings.ofSystem(), false);
    }

    public DatabasePools(ConnectionIdentity identity, ConnectionTarget monitorTarget, ConnectionTarget actionTarget,
                         ConnectionTarget standby, SshSettings ssh) {
        this(identity, monitorTarget, actionTarget, standby, ssh, false);
    }

    /**
     * With the monitoring read from a standby: the screens' reads go to {@code standby}, while every preview, every
     * action and the audit log read the primary ({@link #primaryReads()}, {@link #actions()}). A standby behind a
     * bastion of its own gets a tunnel of its own.
     *
     * @param standby           a hot standby of the primary, reached as the monitor role; null: monitor the primary
     * @param askActionPassword the console's way: when the identity acts as another role whose password ~/.pgpass
     *                          lacks, no action pool is kept; each action gives the password ({@link #actingWith})
     */
    public DatabasePools(ConnectionIdentity identity, ConnectionTarget monitorTarget, ConnectionTarget actionTarget,
                         ConnectionTarget standby, SshSettings ssh, boolean askActionPassword) {
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
        this.actionTarget = actionTarget;
        // The action role's password, when not in ~/.pgpass, is asked per action: no pool may keep it (actingWith).
        this.asksActionPassword = askActionPassword && !identity.readOnly() && identity.actionUser() != null
                && actionTarget.password() == null;
        this.actions = identity.readOnly() || asksActionPassword ? null : actionPool(actionTarget);
    }

    // The audit row's "connection" column defaults to this setting, so each row names the connection it came from.
    private HikariDataSource actionPool(ConnectionTarget as) {
        return new HikariDataSource(config(new OnceRejected(DriverSource.dataSource(as, "actions",
                "-c statement_timeout=60000 -c pitwall.connection=" + DriverSource.optionValue(identity.name()), tunnelKey)),
                "actions", 2));
    }

    private record ReadPool(OnceRejected logins, HikariDataSource pool, ReadOnlyDataSource source) {
    }

    private static ReadPool readPool(ConnectionTarget target, String purpose, int size, String tunnelKey) {
        // No parallel workers: a monitor read is an index read of a few thousand rows, for which starting workers
        // costs more than it saves (measured: 26 ms against 5 ms for the count of a 1M-row table), and a console
        // must not take a production server's workers from its applications.
        OnceRejected logins = new OnceRejected(DriverSource.dataSource(target, purpose,
                "-c default_transaction_read_only=on -c statement_timeout=" + MONITOR_STATEMENT_TIMEOUT.toMillis()
                        + " -c max_parallel_workers_per_gather=0", tunnelKey));
        HikariConfig config = config(logins, purpose, size);
        config.setAutoCommit(false);
        config.setReadOnly(true);
        HikariDataSource pool = new HikariDataSource(config);
        return new ReadPool(logins, pool, new ReadOnlyDataSource(pool, logins, MONITOR_STATEMENT_TIMEOUT));
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

    /** Reopens whichever of this connection's SSH tunnels has closed; its bastion's failure when one cannot be. */
    public void reopenClosedTunnels() throws SshFailure {
        for (SshTunnel each : new SshTunnel[]{tunnel, standbyTunnel}) {
            if (each != null && !each.isOpen()) {
                each.localPort();
            }
        }
    }

    public boolean readOnly() {
        return identity.readOnly();
    }

    /** Acting needs the action role's password, which is asked for each action and never kept (none in ~/.pgpass). */
    public boolean asksActionPassword() {
        return asksActionPassword;
    }

    /** The role actions run as. */
    public String actionUser() {
        return actionTarget.user();
    }

    /** The password given for one action: while open, {@link #actions()} logs in with it; closing drops it. */
    public interface ActionCredentials extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Lets one action log in as the action role with this password. The pool built for it is closed, and the
     * password with it, when the returned scope closes. Without an action role to ask for, it changes nothing.
     */
    public synchronized ActionCredentials actingWith(String password) {
        if (!asksActionPassword) {
            return () -> { };
        }
        HikariDataSource pool = actionPool(actionTarget.withPassword(password));
        actingNow = pool;
        return () -> {
            synchronized (this) {
                if (actingNow == pool) {
                    actingNow = null;
                }
            }
            pool.close();
        };
    }

    /** Read-only, with a statement timeout: for every monitoring read. */
    public DataSource monitor() {
        return monitor;
    }

    /**
     * Read-only, like {@link #monitor()}, reading the same database, but one connection of its own: for the long
     * background counts, so a count that runs for minutes never holds a connection a screen waits for. Opened on
     * first use (a one-shot command never counts in the background), closed with the pools.
     */
    public synchronized DataSource background() {
        if (closed) {
            throw new IllegalStateException("the pools of " + identity.label() + " are closed");
        }
        if (background == null) {
            boolean onStandby = standby != null;
            background = readPool(onStandby ? standby : target, "background", 1, onStandby ? standbyTunnelKey : tunnelKey);
        }
        return background.source();
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
        if (identity.readOnly()) {
            throw new ReadOnlyConnectionException(identity);
        }
        if (asksActionPassword) {
            HikariDataSource now = actingNow;
            if (now == null) {
                throw new ReadOnlyConnectionException("connection " + identity.label() + " acts as role "
                        + actionTarget.user() + ", whose password is asked for each action: none was given, so "
                        + "nothing was changed");
            }
            return now;
        }
        return actions;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (background != null) {
                background.pool().close();
            }
        }
        monitorPool.close();
        if (primaryPool != null) {
            primaryPool.close();
        }
        if (actions != null) {
            actions.close();
        }
        HikariDataSource acting = actingNow;
        if (acting != null) {
            acting.close();
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
