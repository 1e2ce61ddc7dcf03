package io.pitwall.ui.shell;

import io.pitwall.connect.ConnectionProbe;
import io.pitwall.connect.ConnectionTarget;
import io.pitwall.connect.TargetResolver;
import io.pitwall.connect.ssh.SshSettings;
import io.pitwall.ui.connect.ConnectRequest;

/** The standby a Connect request names, tested before the switch as the primary is. Runs on the executor. */
final class StandbyProbe {

    private StandbyProbe() {
    }

    /**
     * The standby the request names, tested like the primary; null when it names none. Behind a bastion it is
     * reached through the same one, as the primary's neighbour.
     */
    static ConnectionTarget standbyOf(ConnectRequest request, ConnectionTarget primary, SshSettings ssh) throws Exception {
        if (request.standbyUri() == null || request.standbyUri().isBlank()) {
            return null;
        }
        ConnectionTarget standby = TargetResolver.fromSystem().resolve(request.standbyUri()).withBastion(primary.bastion());
        if (standby.password() == null && request.password() != null && standby.user().equals(primary.user())) {
            // The same role on its standby: the password typed for the primary is the standby's too.
            standby = standby.withPassword(request.password());
        }
        try {
            ConnectionProbe.check(standby, ssh);
        } catch (ConnectionProbe.Failed e) {
            throw new ConnectionProbe.Failed("the standby: " + e.getMessage(), e.authentication(), e);
        }
        return standby;
    }
}
