package io.pitwall.connect;

import io.pitwall.connect.ssh.SshFailure;
import io.pitwall.connect.ssh.SshSettings;
import io.pitwall.connect.ssh.SshTunnel;
import io.pitwall.connect.ssh.TunnelSocketFactory;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One connection attempt, made before a new target replaces the current one: is the server reachable, does it
 * accept these credentials. Exactly one attempt, outside any pool, so a rejected password is never sent twice.
 */
public final class ConnectionProbe {

    /** Why a target cannot be used, in the operator's words, with the server's own message. */
    public static final class Failed extends Exception {
        private final boolean authentication;

        public Failed(String message, boolean authentication, Throwable cause) {
            super(message, cause);
            this.authentication = authentication;
        }

        /** The server rejected the credentials: asking again with the same ones is pointless. */
        public boolean authentication() {
            return authentication;
        }
    }

    private ConnectionProbe() {
    }

    /** Connects once (5 s at most) and returns the role the server says this session is. */
    public static String check(ConnectionTarget target) throws Failed {
        return check(target, SshSettings.ofSystem());
    }

    /**
     * As above; behind a bastion the SSH login comes first, on its own, so a refused host key or key is reported
     * as such (its {@link SshFailure} is the cause) and the database is not asked at all.
     */
    public static String check(ConnectionTarget target, SshSettings ssh) throws Failed {
        if (target.bastion() == null) {
            return ask(target, null);
        }
        try (SshTunnel tunnel = new SshTunnel(target.bastion(), target.host(), target.port(), ssh)) {
            try {
                tunnel.localPort();
            } catch (SshFailure failure) {
                throw new Failed(failure.getMessage(), failure.kind() == SshFailure.Kind.AUTHENTICATION, failure);
            }
            String key = TunnelSocketFactory.register(tunnel);
            try {
                return ask(target, key);
            } finally {
                TunnelSocketFactory.unregister(key);
            }
        }
    }

    private static String ask(ConnectionTarget target, String tunnelKey) throws Failed {
        PGSimpleDataSource source = DriverSource.dataSource(target, "connect-check", "-c statement_timeout=5000",
                tunnelKey);
        source.setConnectTimeout(5);
        source.setLoginTimeout(5);
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw describe(target, e);
        }
    }

    static Failed describe(ConnectionTarget target, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String server = e.getMessage() == null ? e.toString() : e.getMessage();
        String where = target.host() + ":" + target.port()
                + (target.bastion() == null ? "" : " (through the SSH bastion " + target.bastion().spec() + ")");
        if (state.startsWith("28")) {
            return new Failed("authentication failed for user " + target.user() + " on " + where
                    + " (not retried; check the password, its desktop keyring entry or ~/.pgpass): " + server, true, e);
        }
        if (state.equals("3D000")) {
            return new Failed("database " + target.database() + " does not exist on " + where + ": " + server, false, e);
        }
        if (state.startsWith("08")) {
            return new Failed("cannot reach " + where + ": " + server, false, e);
        }
        return new Failed("cannot open " + target.displayUri() + ": " + server
                + (state.isEmpty() ? "" : " [SQLSTATE " + state + "]"), false, e);
    }
}
