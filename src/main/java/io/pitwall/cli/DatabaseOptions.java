package io.pitwall.cli;

import io.pitwall.connect.BadTargetException;
import io.pitwall.connect.ConnectionTarget;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.TargetResolver;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.profile.ProfileRegistry;
import picocli.CommandLine.Option;

/** --url and --json, shared by every command that reads a database. */
final class DatabaseOptions {

    @Option(names = "--url", paramLabel = "URL",
            description = "libpq URI (postgresql://user@host:5432/db?sslmode=require) or JDBC URL; "
                    + "default: PGHOST, PGPORT, PGDATABASE, PGUSER, PGSERVICE and ~/.pgpass, as psql")
    String url;

    @Option(names = "--json", description = "print one JSON document on stdout")
    boolean json;

    ConnectionTarget target() {
        try {
            return TargetResolver.fromSystem().resolve(url);
        } catch (BadTargetException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--url: " + e.getMessage());
        }
    }

    MonitorSession openSession(ProfileRegistry registry) {
        return new MonitorSession(new DatabasePools(target()), registry);
    }

    static ProfileRegistry profiles() {
        ProfileRegistry registry = new ProfileLoader().loadAll();
        registry.problems().forEach(p -> System.err.println("pitwall: profile: " + p));
        return registry;
    }
}
