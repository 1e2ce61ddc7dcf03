package io.pitwall.connect;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One PostgreSQL database to connect to, resolved the way psql resolves it.
 *
 * @param password may be null: then the server must not ask for one (trust, peer) or the connect fails
 * @param params   libpq parameters that map onto JDBC ones (sslmode, application_name, connect_timeout)
 */
public record ConnectionTarget(String host, int port, String database, String user, String password,
                               Map<String, String> params) {

    public ConnectionTarget {
        params = params == null ? Map.of() : Map.copyOf(params);
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
