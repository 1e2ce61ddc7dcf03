package io.pitwall.runbook;

/** A precondition refuses the whole request; nothing was changed. */
public final class ActionRefused extends RuntimeException {
    public ActionRefused(String message) {
        super(message);
    }
}
