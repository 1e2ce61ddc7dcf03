package io.pitwall.profile;

/** A table that looks like a profile's but does not match it, and what the profile expected instead. */
public record DetectionProblem(String profileId, String where, String message) {
}
