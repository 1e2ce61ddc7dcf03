package io.pitwall.cli;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ProfileRegistry;

import java.sql.SQLException;

/** Checks a --profile value: known to Pitwall (else exit 2), and found in the database (else exit 2). */
final class ProfileChoice {

    private ProfileChoice() {
    }

    static void checkKnown(ProfileRegistry registry, String profileId) {
        if (profileId != null && registry.find(profileId).isEmpty()) {
            throw new CliException(ExitCodes.BAD_INPUT, "unknown profile '" + profileId + "'; known: "
                    + String.join(", ", registry.profiles().stream().map(p -> p.id()).toList()));
        }
    }

    static void checkFound(MonitorSession session, String profileId) throws SQLException {
        if (profileId != null && session.detection().forProfile(profileId).isEmpty()) {
            throw new CliException(ExitCodes.BAD_INPUT, "profile '" + profileId + "' was not found in "
                    + session.pools().target().displayUri() + " (see: pitwall detect)");
        }
    }
}
