package io.pitwall.connect;

import io.pitwall.connect.keyring.Keyring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what an operator types (a libpq URI, a JDBC URL, a key=value conninfo, or nothing) into a
 * {@link ConnectionTarget}, filling gaps from PG* variables, pg_service.conf and ~/.pgpass as psql does. The password:
 * see {@link PasswordChain} (given > desktop keyring > PGPASSWORD > ~/.pgpass).
 */
public final class TargetResolver {

    private final Map<String, String> env;
    private final Path home;
    private final String osUser;
    private final KeyringPasswords keyring;

    /** The target and where its password came from (and, if the keyring was passed over, why). */
    public record Resolved(ConnectionTarget target, PasswordChain.Found password, String keyringProblem) {
    }

    /** The keyring is the one on the session bus {@code env} names (none without DBUS_SESSION_BUS_ADDRESS). */
    public TargetResolver(Map<String, String> env, Path home, String osUser) {
        this(env, home, osUser, new KeyringPasswords(Keyring.of(env)));
    }

    public TargetResolver(Map<String, String> env, Path home, String osUser, KeyringPasswords keyring) {
        this.env = Map.copyOf(env);
        this.home = home;
        this.osUser = osUser;
        this.keyring = keyring;
    }

    public static TargetResolver fromSystem() {
        return fromSystem(new KeyringPasswords(Keyring.ofSystem()));
    }

    /** As {@link #fromSystem()}, with this keyring source; null: the keyring is not consulted. */
    public static TargetResolver fromSystem(KeyringPasswords keyring) {
        return new TargetResolver(System.getenv(), Path.of(System.getProperty("user.home")),
                System.getProperty("user.name"), keyring);
    }

    public ConnectionTarget resolve(String url) throws BadTargetException {
        return explain(url).target();
    }

    public Resolved explain(String url) throws BadTargetException {
        ConnectionStrings parsed = url == null || url.isBlank() ? ConnectionStrings.empty() : ConnectionStrings.parse(url.strip());
        Map<String, String> given = parsed.values();
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
        String hostProblem = HostNames.problem(host);
        if (hostProblem != null) {
            throw new BadTargetException("bad host " + parsed.say(host) + ": " + hostProblem);
        }
        int port = parsed.port(merged.getOrDefault("port", "5432"));
        String user = merged.getOrDefault("user", osUser);
        String database = merged.getOrDefault("dbname", user);
        List<PasswordSource> sources = new ArrayList<>();
        if (keyring != null) {
            sources.add(keyring);
        }
        sources.add(PasswordChain.fixed(merged.get("password"), env.containsKey("PGPASSWORD") ? "PGPASSWORD" : "the service file"));
        sources.add(PasswordChain.pgpass(passFile()));
        PasswordChain.Found found = new PasswordChain(sources).find(given.get("password"), host, port, database, user);
        Map<String, String> params = new LinkedHashMap<>(merged);
        for (String key : new String[]{"host", "port", "dbname", "user", "password"}) {
            params.remove(key);
        }
        return new Resolved(new ConnectionTarget(host, port, database, user, found.password(), params), found,
                keyring == null || given.containsKey("password") ? null : keyring.problem());
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

    /** The same database as another role, its password looked up in ~/.pgpass (never the first role's). */
    public ConnectionTarget as(ConnectionTarget target, String user) {
        String password = PgPassFile.lookup(passFile(), target.host(), target.port(), target.database(), user).orElse(null);
        return new ConnectionTarget(target.host(), target.port(), target.database(), user, password, target.params(),
                target.bastion());
    }
}
