package io.pitwall.ui.runbook;

import io.pitwall.runbook.ActionPreview;

/** What the confirm dialog says about a preview: the SQL with its parameters and guards, and why nothing would run. */
final class PreviewText {

    private PreviewText() {
    }

    static String sql(ActionPreview preview) {
        return preview.applySql() + "\n\n-- parameters: " + preview.parameters()
                + "\n-- guards (a row is skipped when one holds):\n-- " + String.join("\n-- ", preview.guards());
    }

    /** Null when the preview can run as it is. */
    static String notice(ActionPreview preview) {
        if (preview.needsAll()) {
            return "This action cannot be undone and no rows were named: tick \"Every row\" to act on all "
                    + preview.allowedRows().size() + " it finds here.";
        }
        if (preview.refused()) {
            return "Every selected row is refused by a guard; nothing would change.";
        }
        return preview.allowedRows().isEmpty() ? "Nothing to do: no row matches." : null;
    }
}
