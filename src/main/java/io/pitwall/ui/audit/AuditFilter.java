package io.pitwall.ui.audit;

import io.pitwall.runbook.AuditEntry;

import java.util.Locale;

/**
 * What the operator narrows the audit log to: one action, one profile's table, an actor, an outcome, and text
 * found anywhere in the entry (reason, SQL, selector, parameters, the rows' ids and images, the connection).
 * A blank field matches everything.
 *
 * @param action  an action id, or null for all
 * @param target  "profile · schema.table" as {@link #target(AuditEntry)} writes it, or null for all
 * @param actor   text found in the OS user, host or database role
 * @param outcome what came of it
 * @param text    text found anywhere in the entry, case-insensitive
 */
record AuditFilter(String action, String target, String actor, Outcome outcome, String text) {

    static final AuditFilter NONE = new AuditFilter(null, null, "", Outcome.ANY, "");

    /** An entry's result as an operator sorts them at 3 a.m. */
    enum Outcome {
        ANY("any outcome"),
        APPLIED("applied to every row"),
        PARTLY("some rows skipped"),
        NOTHING("nothing applied"),
        UNDONE("undone since"),
        UNDO("undos");

        final String words;

        Outcome(String words) {
            this.words = words;
        }

        boolean matches(AuditEntry e) {
            return switch (this) {
                case ANY -> true;
                case APPLIED -> e.applied() > 0 && e.skipped() == 0;
                case PARTLY -> e.applied() > 0 && e.skipped() > 0;
                case NOTHING -> e.applied() == 0;
                case UNDONE -> e.undoneBy() != null;
                case UNDO -> e.isUndo();
            };
        }

        @Override
        public String toString() {
            return words;
        }
    }

    static String target(AuditEntry e) {
        return e.profileId() + " · " + e.schema() + "." + e.table() + (e.queue() == null ? "" : " (" + e.queue() + ")");
    }

    boolean matches(AuditEntry e) {
        return (action == null || action.equals(e.actionId()))
                && (target == null || target.equals(target(e)))
                && (blank(actor) || contains(actor, e.osUser(), e.host(), e.dbUser()))
                && (outcome == null || outcome.matches(e))
                && (blank(text) || contains(text, e.reason(), e.sql(), e.selectorJson(), e.parametersJson(),
                e.rowsJson(), e.skippedJson(), e.connection(), e.actionId(), e.profileId(), "#" + e.id(), e.runId()));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static boolean contains(String needle, String... fields) {
        String wanted = needle.strip().toLowerCase(Locale.ROOT);
        for (String field : fields) {
            if (field != null && field.toLowerCase(Locale.ROOT).contains(wanted)) {
                return true;
            }
        }
        return false;
    }
}
