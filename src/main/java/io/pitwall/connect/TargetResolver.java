package io.pitwall.connect;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what an operator types (a libpq URI, a JDBC URL, a key=value conninfo, or nothing) into a
 * {@link ConnectionTarget}, filling gaps from PG* variables, pg_service.conf and ~/.pgpass as psql does.
 */
public final class TargetResolver {

    private final Map<String, String> env;
    private final Path home;
    private final String osUser;

    public TargetResolver(Map<String, String> env, Path home, String osUser) {
        this.env = Map.copyOf(env);
        this.home = home;
        this.osUser = osUser;
    }

    public static TargetResolver fromSystem() {
        return new TargetResolver(System.getenv(), Path.of(System.getProperty("user.home")),
                System.getProperty("user.name"));
    }

    public ConnectionTarget resolve(String url) throws BadTargetException {
        Map<String, String> given = url == null || url.isBlank() ? new LinkedHashMap<>() : parse(url.strip());
        Map<String, String> merged = new LinkedHashMap<>();
        String service = given.getOrDefault("service", env.get("PGSERVICE"));
        if (service != null) {
            merged.putAll(serviceSection(service));
        }
        putEnv(merged, "host", "PGHOST");
        putEnv(merged, "port", "PGPORT");
        putEnv(merged, "dbname", "PGDATABASE");
        putEnv(merged, "user", "PGUSER");
        putEnv(merged, "password", "PGPASSWORD");
        putEnv(merged, "sslmode", "PGSSLMODE");
        putEnv(merged, "application_name", "PGAPPNAME");
        putEnv(merged, "connect_timeout", "PGCONNECT_TIMEOUT");
        merged.putAll(given);
        merged.remove("service");

        String host = merged.getOrDefault("host", "localhost");
        if (host.isEmpty() || host.startsWith("/")) {
            // JDBC cannot use a Unix socket directory; psql's default socket is the local server anyway.
            host = "localhost";
        }
        int port = parsePort(merged.getOrDefault("port", "5432"));
        String user = merged.getOrDefault("user", osUser);
        String database = merged.getOrDefault("dbname", user);
        String password = merged.get("password");
        if (password == null) {
            password = PgPassFile.lookup(passFile(), host, port, database, user).orElse(null);
        }
        Map<String, String> params = new LinkedHashMap<>(merged);
        for (String key : new String[]{"host", "port", "dbname", "user", "password"}) {
            params.remove(key);
        }
        return new ConnectionTarget(host, port, database, user, password, params);
    }

    private void putEnv(Map<String, String> into, String key, String variable) {
        String value = env.get(variable);
        if (value != null && !value.isEmpty()) {
            into.put(key, value);
        }
    }

    private Map<String, String> serviceSection(String service) throws BadTargetException {
        Path user = env.containsKey("PGSERVICEFILE") ? Path.of(env.get("PGSERVICEFILE")) : home.resolve(".pg_service.conf");
        Path system = Path.of(env.getOrDefault("PGSYSCONFDIR", "/etc/postgresql-common"), "pg_service.conf");
        Optional<Map<String, String>> section = PgServiceFile.section(user, service)
                .or(() -> PgServiceFile.section(system, service));
        return section.orElseThrow(() -> new BadTargetException(
                "service \"" + service + "\" is not defined in " + user + " or " + system));
    }

    private Path passFile() {
        return env.containsKey("PGPASSFILE") ? Path.of(env.get("PGPASSFILE")) : home.resolve(".pgpass");
    }

    static Map<String, String> parse(String url) throws BadTargetException {
        if (url.startsWith("jdbc:postgresql:")) {
            return parseUri(url.substring("jdbc:".length()).replaceFirst("^postgresql:(?!//)", "postgresql:///"));
        }
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            return parseUri(url);
        }
        if (url.contains("=")) {
            return parseConninfo(url);
        }
        throw new BadTargetException("not a PostgreSQL URL: expected postgresql://user@host:5432/db, "
                + "jdbc:postgresql://host/db or host=... dbname=...");
    }

    private static Map<String, String> parseUri(String uri) throws BadTargetException {
        Map<String, String> values = new LinkedHashMap<>();
        String rest = uri.substring(uri.indexOf("://") + 3);
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String path = slash >= 0 ? rest.substring(slash + 1) : "";
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            putDecoded(values, "user", colon >= 0 ? userInfo.substring(0, colon) : userInfo);
            if (colon >= 0) {
                putDecoded(values, "password", userInfo.substring(colon + 1));
            }
        }
        if (authority.contains(",")) {
            throw new BadTargetException("several hosts in one URL are not supported: " + authority);
        }
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new BadTargetException("unterminated IPv6 address in " + authority);
            }
            putDecoded(values, "host", authority.substring(1, close));
            authority = authority.substring(close + 1);
            if (authority.startsWith(":")) {
                putDecoded(values, "port", authority.substring(1));
            }
        } else {
            int colon = authority.lastIndexOf(':');
            putDecoded(values, "host", colon >= 0 ? authority.substring(0, colon) : authority);
            if (colon >= 0) {
                putDecoded(values, "port", authority.substring(colon + 1));
            }
        }
        putDecoded(values, "dbname", path);
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new BadTargetException("bad URL parameter '" + pair + "': expected name=value");
                }
                String key = decode(pair.substring(0, eq));
                putDecoded(values, key.equals("database") ? "dbname" : key, pair.substring(eq + 1));
            }
        }
        if (values.containsKey("port")) {
            parsePort(values.get("port"));
        }
        return values;
    }

    private static Map<String, String> parseConninfo(String conninfo) throws BadTargetException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : conninfo.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new BadTargetException("bad connection parameter '" + part + "': expected name=value");
            }
            String value = part.substring(eq + 1);
            if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                value = value.substring(1, value.length() - 1);
            }
            values.put(part.substring(0, eq), value);
        }
        return values;
    }

    private static void putDecoded(Map<String, String> values, String key, String raw) {
        if (raw != null && !raw.isEmpty()) {
            values.put(key, decode(raw));
        }
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static int parsePort(String port) throws BadTargetException {
        try {
            int value = Integer.parseInt(port);
            if (value > 0 && value < 65536) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadTargetException("bad port '" + port + "': expected a number from 1 to 65535");
    }
}
