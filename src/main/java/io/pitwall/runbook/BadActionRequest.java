package io.pitwall.runbook;

/** The request itself is wrong (unknown action, missing selector, a parameter that is not a number). */
public final class BadActionRequest extends RuntimeException {
    public BadActionRequest(String message) {
        super(message);
    }
}
