package io.pitwall.cli;

import io.pitwall.connect.ConnectionIdentity;

/**
 * What the console asks before an action, asked of the command line: a read-only connection runs no action at all
 * (undo and dry runs included), and a production one needs its name, as the console's confirm dialog has it typed.
 */
final class ConnectionGuards {

    private ConnectionGuards() {
    }

    /** Refuses (exit 3, nothing sent) what the connection does not allow; returns when it may go on. */
    static void check(ChosenConnection chosen, boolean apply, String confirmedName) {
        ConnectionIdentity identity = chosen.identity();
        if (identity.readOnly()) {
            throw new CliException(ExitCodes.REFUSED, "connection " + chosen.label() + " is read-only (--read-only or "
                    + "saved so): no action, undo and dry runs included, runs on it; nothing was changed");
        }
        if (apply && identity.production() && !identity.name().equals(confirmedName == null ? null : confirmedName.strip())) {
            throw new CliException(ExitCodes.REFUSED, "connection " + identity.label() + " is a production connection: "
                    + (confirmedName == null ? "" : "--confirm-connection '" + confirmedName + "' is not its name. ")
                    + "As the console has its name typed before an action, act --yes on it needs --confirm-connection "
                    + identity.name() + "; nothing was changed");
        }
    }
}
