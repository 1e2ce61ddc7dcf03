package io.pitwall.connect;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One PostgreSQL database to connect to, resolved the way psql resolves it.
 *
 * @param password may be null: then the server must not ask for one (trust, peer) or the connect fails
 * @param params   libpq parameters that map onto JDBC ones (sslmode, application_name, connect_timeout)
 */
public record ConnectionTarget(String host, int port, String database, String user, String password,
                               Map<String, String> params) {

    private static final Map<String, String> LIBPQ_TO_JDBC = Map.of(
            "sslmode", "sslmode",
            "sslrootcert", "sslrootcert",
            "sslcert", "sslcert",
            "sslkey", "sslkey",
            "application_name", "ApplicationName",
            "connect_timeout", "connectTimeout",
            "target_session_attrs", "targetServerType");

    public ConnectionTarget {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public String jdbcUrl() {
        String query = new TreeMap<>(params).entrySet().stream()
                .filter(e -> LIBPQ_TO_JDBC.containsKey(e.getKey()))
                .map(e -> LIBPQ_TO_JDBC.get(e.getKey()) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + hostPart + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8)
                + (query.isEmpty() ? "" : "?" + query);
    }

    /** A libpq URI without the password: safe to print, log and remember. */
    public String displayUri() {
        return "postgresql://" + encode(user) + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
                + "/" + encode(database)
                + (params.containsKey("sslmode") ? "?sslmode=" + encode(params.get("sslmode")) : "");
    }

    public ConnectionTarget withPassword(String newPassword) {
        return new ConnectionTarget(host, port, database, user, newPassword, params);
    }

    @Override
    public String toString() {
        return displayUri();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
