package io.pitwall.cli;

import io.pitwall.connect.BadTargetException;
import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.ConnectionTarget;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.SavedConnections;
import io.pitwall.connect.SshBastion;
import io.pitwall.connect.TargetResolver;
import io.pitwall.connect.ssh.SshFailure;
import io.pitwall.connect.ssh.SshSettings;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.profile.ProfileRegistry;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** --url or --connection, --json, the roles and the SSH bastion, shared by every command that reads a database. */
final class DatabaseOptions {

    @Option(names = "--connection", paramLabel = "NAME",
            description = "a saved connection (connections.json, as the console saved it): its URL, SSH bastion, "
                    + "standby, read-only flag, action role, name and environment. Not with --url, --ssh or --standby")
    String connection;

    @Option(names = "--url", paramLabel = "URL",
            description = "libpq URI (postgresql://user@host:5432/db?sslmode=require) or JDBC URL; "
                    + "default: PGHOST, PGPORT, PGDATABASE, PGUSER, PGSERVICE and ~/.pgpass, as psql")
    String url;

    @Option(names = "--json", description = "print one JSON document on stdout")
    boolean json;

    @Option(names = "--read-only", description = "watch only: every action (and undo) is refused with exit 3")
    boolean readOnly;

    @Option(names = "--act-as", paramLabel = "ROLE",
            description = "monitor as the --url role, act as this one: its password from ~/.pgpass, as psql, else "
                    + "--act-as-password-stdin, else asked on the terminal (never taken from the command line)")
    String actAs;

    @Option(names = "--act-as-password-stdin",
            description = "read the action role's password from the first line of stdin (for scripts)")
    boolean actAsPasswordStdin;

    @Option(names = "--standby", paramLabel = "URL",
            description = "read status, stuck, failed, … from this hot standby; act's preview, re-check and changes "
                    + "and audit stay on --url, the primary. With --ssh it is reached through the same bastion")
    String standby;

    @Option(names = "--ssh", paramLabel = "[USER@]HOST[:PORT]",
            description = "reach the database through this SSH bastion (a Host of ~/.ssh/config works); "
                    + "--url then names the database as the bastion sees it")
    String ssh;

    @Option(names = "--ssh-identity", paramLabel = "FILE",
            description = "private key to offer first, as ssh -i (then ~/.ssh/id_ed25519, id_ecdsa, id_rsa and the ssh-agent)")
    Path sshIdentity;

    @Option(names = "--ssh-known-hosts", paramLabel = "FILE", description = "default: ~/.ssh/known_hosts")
    Path sshKnownHosts;

    @Option(names = "--ssh-config", paramLabel = "FILE", description = "default: ~/.ssh/config")
    Path sshConfig;

    @Option(names = "--ssh-trust", paramLabel = "SHA256:FINGERPRINT",
            description = "accept the bastion's host key, not yet in known_hosts, only if it has this fingerprint "
                    + "(check it with the bastion's administrator first); it is then added to known_hosts. "
                    + "A changed host key is never accepted")
    String sshTrust;

    private ChosenConnection chosen;

    /** The database and what is said about it, from --connection NAME or the flags; resolved once. */
    ChosenConnection chosen() {
        if (chosen == null) {
            chosen = connection == null ? fromFlags() : fromSaved();
        }
        return chosen;
    }

    private ChosenConnection fromSaved() {
        for (String[] flag : new String[][]{{"--url", url}, {"--ssh", ssh}, {"--standby", standby}}) {
            if (flag[1] != null) {
                throw new CliException(ExitCodes.BAD_INPUT, flag[0] + " cannot go with --connection " + connection
                        + ": the saved connection names its own database, bastion and standby (give one or the other)");
            }
        }
        return ChosenConnection.saved(connection, SavedConnections.inUserConfig(), TargetResolver.fromSystem(),
                readOnly, actAs);
    }

    private ChosenConnection fromFlags() {
        ConnectionTarget target;
        try {
            target = TargetResolver.fromSystem().resolve(url);
        } catch (BadTargetException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--url: " + e.getMessage());
        }
        try {
            target = target.withBastion(SshBastion.parse(ssh));
        } catch (BadTargetException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--ssh: " + e.getMessage());
        }
        ConnectionTarget standbyTarget;
        try {
            // The primary's neighbour: behind the same bastion, as the console and saved connections reach it.
            standbyTarget = standby == null ? null : TargetResolver.fromSystem().resolve(standby).withBastion(target.bastion());
        } catch (BadTargetException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--standby: " + e.getMessage());
        }
        ConnectionIdentity named = ConnectionIdentity.of(target);
        ConnectionIdentity identity = new ConnectionIdentity(named.name(), named.environment(), named.colour(), readOnly,
                actAs);
        return new ChosenConnection(identity, target, standbyTarget);
    }

    ConnectionTarget target() {
        return chosen().target();
    }

    SshSettings sshSettings() {
        SshSettings settings = SshSettings.ofSystem().trusting(sshTrust);
        settings = sshConfig == null ? settings : settings.withConfig(sshConfig);
        settings = sshKnownHosts == null ? settings : settings.withKnownHosts(sshKnownHosts);
        return sshIdentity == null ? settings : settings.withIdentity(sshIdentity);
    }

    MonitorSession openSession(ProfileRegistry registry) {
        ChosenConnection chosen = chosen();
        if (chosen.target().bastion() == null && (sshTrust != null || sshIdentity != null)) {
            throw new CliException(ExitCodes.BAD_INPUT, "--ssh-trust and --ssh-identity need --ssh (or a saved "
                    + "connection through a bastion)");
        }
        DatabasePools pools = chosen.pools(TargetResolver.fromSystem(), sshSettings());
        try {
            pools.openTunnel();
        } catch (SshFailure failure) {
            pools.close();
            throw refusal(failure);
        }
        return new MonitorSession(pools, registry);
    }

    /**
     * Lets one action log in as the connection's action role, when ~/.pgpass has no password for it: the password
     * from stdin with --act-as-password-stdin, else the terminal, else a refusal naming the ways to give it. The
     * login is tried once before anything is sent, so a wrong password fails (exit 1) with nothing changed and no
     * audit row; the pool holding it closes, and the password with it, when the returned scope closes.
     */
    DatabasePools.ActionCredentials actionCredentials(DatabasePools pools) {
        if (!pools.asksActionPassword()) {
            return () -> { };
        }
        String password = ActionPassword.obtain(pools.actionUser(), chosen().label(), actAsPasswordStdin, System.in,
                ActionPassword.terminal());
        DatabasePools.ActionCredentials given = pools.actingWith(password);
        try (Connection login = pools.actions().getConnection()) {
            return given;
        } catch (SQLException e) {
            given.close();
            throw new CliException(ExitCodes.FAILED, "cannot log in as role " + pools.actionUser() + " on "
                    + chosen().label() + " (not retried): " + loginProblem(e) + "; nothing was changed");
        }
    }

    /** The server's own words for a refused login ("password authentication failed for user …"), not the pool's. */
    private static String loginProblem(SQLException e) {
        String said = null;
        String state = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("28")) {
                state = sql.getSQLState();
                if (!(sql instanceof java.sql.SQLTransientConnectionException)) {
                    said = sql.getMessage().replaceFirst("^not retried: ", "");
                }
            }
        }
        if (state == null) {
            return e.getMessage();
        }
        return (said != null ? said : "authentication failed: the server refused the password") + " [SQLSTATE " + state + "]";
    }

    /** A refused host key is a guard's refusal (exit 3); a bastion that is down or refuses the key is a failure (1). */
    static CliException refusal(SshFailure failure) {
        String hint = failure.kind() == SshFailure.Kind.UNKNOWN_HOST_KEY
                ? ". Once checked, accept it with --ssh-trust " + failure.fingerprint() : "";
        return new CliException(failure.hostKeyRefused() ? ExitCodes.REFUSED : ExitCodes.FAILED,
                "--ssh: " + failure.getMessage() + hint);
    }

    static ProfileRegistry profiles() {
        ProfileRegistry registry = new ProfileLoader().loadAll();
        registry.problems().forEach(p -> System.err.println("pitwall: profile: " + p));
        return registry;
    }
}
