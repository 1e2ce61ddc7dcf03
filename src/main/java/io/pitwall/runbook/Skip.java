package io.pitwall.runbook;

/** A row the action did not touch, and why. */
public record Skip(String id, String reason) {
}
