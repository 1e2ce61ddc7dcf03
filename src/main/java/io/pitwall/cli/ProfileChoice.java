package io.pitwall.cli;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.Profile;
import io.pitwall.profile.ProfileRegistry;

import java.sql.SQLException;

/** Checks a --profile value: known to Pitwall (else exit 2), and found in the database (else exit 2). */
final class ProfileChoice {

    private ProfileChoice() {
    }

    static void checkKnown(ProfileRegistry registry, String profileId) {
        if (profileId != null) {
            known(registry, profileId);
        }
    }

    /** The profile with this id, or exit 2 naming the ones Pitwall knows. */
    static Profile known(ProfileRegistry registry, String profileId) {
        return registry.find(profileId).orElseThrow(() -> new CliException(ExitCodes.BAD_INPUT,
                "unknown profile '" + profileId + "'; known: "
                        + String.join(", ", registry.profiles().stream().map(Profile::id).toList())));
    }

    /**
     * Also says on stderr which profiles are set aside here (their SQL is rejected by this database), so a read of
     * every profile still runs for the others; a --profile that is only set aside fails naming the field to fix.
     */
    static void checkFound(MonitorSession session, String profileId) throws SQLException {
        var detection = session.detection();
        detection.broken().stream().filter(b -> profileId == null || b.profile().id().equals(profileId))
                .forEach(b -> System.err.println("pitwall: " + b.summary()));
        if (profileId != null && detection.forProfile(profileId).isEmpty() && !detection.brokenForProfile(profileId).isEmpty()) {
            throw new CliException(ExitCodes.FAILED, detection.brokenForProfile(profileId).getFirst().summary());
        }
        if (profileId != null && session.detection().forProfile(profileId).isEmpty()) {
            throw new CliException(ExitCodes.BAD_INPUT, "profile '" + profileId + "' was not found in "
                    + session.pools().target().displayUri() + " (see: pitwall detect)");
        }
    }
}
