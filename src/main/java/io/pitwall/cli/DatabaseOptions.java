package io.pitwall.cli;

import io.pitwall.connect.BadTargetException;
import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.ConnectionTarget;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.SshBastion;
import io.pitwall.connect.TargetResolver;
import io.pitwall.connect.ssh.SshFailure;
import io.pitwall.connect.ssh.SshSettings;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.profile.ProfileRegistry;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** --url, --json, the roles and the SSH bastion, shared by every command that reads a database. */
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

    ConnectionTarget target() {
        ConnectionTarget target;
        try {
            target = TargetResolver.fromSystem().resolve(url);
        } catch (BadTargetException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--url: " + e.getMessage());
        }
        try {
            return target.withBastion(SshBastion.parse(ssh));
        } catch (BadTargetException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--ssh: " + e.getMessage());
        }
    }

    SshSettings sshSettings() {
        SshSettings settings = SshSettings.ofSystem().trusting(sshTrust);
        settings = sshConfig == null ? settings : settings.withConfig(sshConfig);
        settings = sshKnownHosts == null ? settings : settings.withKnownHosts(sshKnownHosts);
        return sshIdentity == null ? settings : settings.withIdentity(sshIdentity);
    }

    MonitorSession openSession(ProfileRegistry registry) {
        ConnectionTarget target = target();
        if (target.bastion() == null && (sshTrust != null || sshIdentity != null)) {
            throw new CliException(ExitCodes.BAD_INPUT, "--ssh-trust and --ssh-identity need --ssh");
        }
        ConnectionIdentity identity = ConnectionIdentity.of(target).asReadOnly(readOnly);
        ConnectionTarget actions = actAs == null ? target : TargetResolver.fromSystem().as(target, actAs);
        ConnectionTarget standbyTarget;
        try {
            standbyTarget = standby == null ? null : TargetResolver.fromSystem().resolve(standby);
        } catch (BadTargetException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--standby: " + e.getMessage());
        }
        DatabasePools pools = new DatabasePools(identity, target, actions, standbyTarget, sshSettings());
        try {
            pools.openTunnel();
        } catch (SshFailure failure) {
            pools.close();
            throw refusal(failure);
        }
        return new MonitorSession(pools, registry);
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
