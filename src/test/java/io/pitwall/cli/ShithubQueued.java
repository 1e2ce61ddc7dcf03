package io.pitwall.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** The shithub profile's queued count in a `status --json` run: what the standby tests wait for and compare. */
final class ShithubQueued {

    private ShithubQueued() {
    }

    /** The count; -1 while the standby has not replayed the schema yet (the run failed or found no shithub). */
    static long soFar(CliRun status) {
        if (status.exitCode() != 0) {
            return -1;
        }
        JsonNode shithub = shithub(status);
        return shithub == null ? -1 : shithub.at("/counts/QUEUED").asLong();
    }

    static long of(CliRun status) {
        JsonNode shithub = shithub(status);
        if (shithub == null) {
            throw new AssertionError("no shithub in " + status.out() + status.err());
        }
        return shithub.at("/counts/QUEUED").asLong();
    }

    private static JsonNode shithub(CliRun status) {
        for (JsonNode profile : status.json().get("profiles")) {
            if (profile.get("profile").asText().equals("shithub")) {
                return profile;
            }
        }
        return null;
    }
}
