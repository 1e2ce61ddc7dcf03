package io.pitwall.ui.runbook;

import io.pitwall.runbook.ActionResult;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Where a finished action or undo is announced, on the FX thread: every screen that shows what it changed reads
 * again, and the shell shows a notice that opens the audit entry. One per window.
 */
public final class ActionOutcomes {

    /** @param what "Retry 25 failed tasks of kind imaging", or "Undo of #12" */
    public record Outcome(String what, ActionResult result, String failure) {

        public Long auditId() {
            return result == null ? null : result.auditId();
        }

        public String summary() {
            if (result == null) {
                return what + " failed: " + failure;
            }
            return what + ": applied " + result.applied() + " of " + result.matched()
                    + (result.skipped().isEmpty() ? "" : ", skipped " + result.skipped().size())
                    + (result.cancelled() ? " (stopped between batches)" : "")
                    + (failure != null ? " — then failed: " + failure : "");
        }
    }

    private final List<Consumer<Outcome>> listeners = new CopyOnWriteArrayList<>();

    public void addListener(Consumer<Outcome> listener) {
        listeners.add(listener);
    }

    public void publish(Outcome outcome) {
        listeners.forEach(l -> l.accept(outcome));
    }
}
