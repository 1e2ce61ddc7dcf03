package io.pitwall.cli;

import io.pitwall.connect.BadTargetException;
import io.pitwall.connect.ConnectionIdentity;
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

    @Option(names = "--read-only", description = "watch only: every action (and undo) is refused with exit 3")
    boolean readOnly;

    @Option(names = "--act-as", paramLabel = "ROLE",
            description = "monitor as the --url role, act as this one (its password from ~/.pgpass, as psql)")
    String actAs;

    @Option(names = "--standby", paramLabel = "URL",
            description = "read status, stuck, failed, … from this hot standby; act's preview, re-check and changes "
                    + "and audit stay on --url, the primary")
    String standby;

    ConnectionTarget target() {
        try {
            return TargetResolver.fromSystem().resolve(url);
        } catch (BadTargetException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--url: " + e.getMessage());
        }
    }

    MonitorSession openSession(ProfileRegistry registry) {
        ConnectionTarget target = target();
        ConnectionIdentity identity = ConnectionIdentity.of(target).asReadOnly(readOnly);
        ConnectionTarget actions = actAs == null ? target : TargetResolver.fromSystem().as(target, actAs);
        ConnectionTarget standbyTarget;
        try {
            standbyTarget = standby == null ? null : TargetResolver.fromSystem().resolve(standby);
        } catch (BadTargetException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--standby: " + e.getMessage());
        }
        return new MonitorSession(new DatabasePools(identity, target, actions, standbyTarget), registry);
    }

    static ProfileRegistry profiles() {
        ProfileRegistry registry = new ProfileLoader().loadAll();
        registry.problems().forEach(p -> System.err.println("pitwall: profile: " + p));
        return registry;
    }
}
