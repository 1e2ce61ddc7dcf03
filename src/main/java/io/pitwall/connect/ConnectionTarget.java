package io.pitwall.connect;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One PostgreSQL database to connect to, resolved the way psql resolves it.
 *
 * @param password may be null: then the server must not ask for one (trust, peer) or the connect fails
 * @param params   libpq parameters that map onto JDBC ones (sslmode, application_name, connect_timeout)
 * @param bastion  the SSH host the database is reached through (host and port are then as the bastion sees them);
 *                 null: directly
 */
public record ConnectionTarget(String host, int port, String database, String user, String password,
                               Map<String, String> params, SshBastion bastion) {

    public ConnectionTarget {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public ConnectionTarget(String host, int port, String database, String user, String password,
                            Map<String, String> params) {
        this(host, port, database, user, password, params, null);
    }

    /** A libpq URI without the password: safe to print, log and remember. */
    public String displayUri() {
        return "postgresql://" + encode(user) + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
                + "/" + encode(database)
                + (params.containsKey("sslmode") ? "?sslmode=" + encode(params.get("sslmode")) : "");
    }

    public ConnectionTarget withPassword(String newPassword) {
        return new ConnectionTarget(host, port, database, user, newPassword, params, bastion);
    }

    public ConnectionTarget withBastion(SshBastion through) {
        return new ConnectionTarget(host, port, database, user, password, params, through);
    }

    /** The URI, and the bastion when there is one: "postgresql://ops@db1:5432/q via ssh ops@bastion". */
    public String describe() {
        return displayUri() + (bastion == null ? "" : " via ssh " + bastion.spec());
    }

    @Override
    public String toString() {
        return displayUri();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
