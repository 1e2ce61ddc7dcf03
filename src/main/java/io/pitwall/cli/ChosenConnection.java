package io.pitwall.cli;

import io.pitwall.connect.BadTargetException;
import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.ConnectionTarget;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.SavedConnections;
import io.pitwall.connect.TargetResolver;
import io.pitwall.connect.ssh.SshSettings;

/**
 * The database a command works on and what is said about it, whether given by flags (--url, --ssh, --standby,
 * --read-only, --act-as) or by a saved connection's whole definition (--connection NAME): its URI, SSH bastion,
 * standby, read-only flag, action role, name and environment, as the console opens it.
 *
 * @param standby the standby the monitoring reads, or null: the primary
 */
record ChosenConnection(ConnectionIdentity identity, ConnectionTarget target, ConnectionTarget standby) {

    /**
     * A saved connection, with the flags that may go with it: --read-only only tightens it, --act-as only names a
     * role where the saved connection names none (or the same one). What would make it another database is refused
     * by the caller before this (a --url, --ssh or --standby beside --connection).
     */
    static ChosenConnection saved(String name, SavedConnections store, TargetResolver resolver, boolean readOnly,
                                  String actAs) {
        SavedConnections.Saved saved = store.named(name).orElseThrow(() -> new CliException(ExitCodes.BAD_INPUT,
                "--connection: no saved connection named '" + name + "'"
                        + (store.list().isEmpty() ? " (none saved yet)" : "; saved: " + String.join(", ",
                        store.list().stream().map(SavedConnections.Saved::name).toList()))));
        if (saved.ssh() != null && !saved.ssh().isBlank() && saved.bastion() == null) {
            throw new CliException(ExitCodes.BAD_INPUT, "--connection " + name + ": its saved SSH bastion '"
                    + saved.ssh() + "' cannot be read (expected [user@]host[:port])");
        }
        ConnectionIdentity identity = saved.identity();
        if (actAs != null && identity.actionUser() != null && !identity.actionUser().equals(actAs.strip())) {
            throw new CliException(ExitCodes.BAD_INPUT, "--act-as " + actAs + ": connection " + name
                    + " acts as role " + identity.actionUser() + "; drop --act-as or change the saved connection");
        }
        identity = new ConnectionIdentity(identity.name(), identity.environment(), identity.colour(),
                identity.readOnly() || readOnly, identity.actionUser() != null ? identity.actionUser() : actAs);
        try {
            ConnectionTarget target = resolver.resolve(saved.uri()).withBastion(saved.bastion());
            // A saved standby is the primary's neighbour: behind the same bastion, as the console reaches it.
            ConnectionTarget standby = saved.standbyUri() == null || saved.standbyUri().isBlank() ? null
                    : resolver.resolve(saved.standbyUri()).withBastion(saved.bastion());
            return new ChosenConnection(identity, target, standby);
        } catch (BadTargetException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--connection " + name + ": its saved URI: " + e.getMessage());
        }
    }

    /** What to act as: the action role (its password from ~/.pgpass, if there) or the monitoring role itself. */
    ConnectionTarget actionTarget(TargetResolver resolver) {
        return identity.actionUser() == null ? target : resolver.as(target, identity.actionUser());
    }

    /**
     * The pools, the action role's password (when ~/.pgpass lacks it) given per action through
     * {@link DatabasePools#actingWith}, never kept in a pool.
     */
    DatabasePools pools(TargetResolver resolver, SshSettings ssh) {
        return new DatabasePools(identity, target, actionTarget(resolver), standby, ssh, true);
    }

    /** "orders-prod (production)" for a saved connection, the URI for one given by flags. */
    String label() {
        return identity.name().equals(ConnectionIdentity.defaultName(target)) ? target.describe() : identity.label();
    }
}
