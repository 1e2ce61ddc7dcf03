package io.pitwall.connect;

import io.pitwall.connect.ssh.TunnelSocketFactory;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.SQLException;
import java.util.Map;

/** The driver's data source for one target, built from driver properties only: no URL is put together from text. */
final class DriverSource {

    private static final Map<String, String> LIBPQ_TO_JDBC = Map.of(
            "sslmode", "sslmode",
            "sslrootcert", "sslrootcert",
            "sslcert", "sslcert",
            "sslkey", "sslkey",
            "connect_timeout", "connectTimeout",
            "target_session_attrs", "targetServerType");

    private DriverSource() {
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
        // Sent in the startup packet (not SET after login, the driver's default): then it is the session's default,
        // which the monitor pool's DISCARD ALL on every return keeps, and pg_stat_activity names each session.
        source.setAssumeMinServerVersion("9.0");
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
}
