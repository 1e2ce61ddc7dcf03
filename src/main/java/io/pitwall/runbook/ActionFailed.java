package io.pitwall.runbook;

/** A batch failed (connection lost, SQL error); the batches before it are committed and audited. */
public final class ActionFailed extends Exception {

    private final transient ActionResult committed;

    public ActionFailed(String message, Throwable cause, ActionResult committed) {
        super(message, cause);
        this.committed = committed;
    }

    /** What was committed before the failure. */
    public ActionResult committed() {
        return committed;
    }
}
