package io.pitwall.ui.tasks;

/** How tall the error box is: every line of the error shown, wrapped, up to a screenful; a longer one scrolls. */
final class ErrorRows {

    /** Characters of monospace on one line of the detail pane at its narrowest (1366 px wide, list beside it). */
    static final int COLUMNS = 60;
    static final int MAX = 24;

    private ErrorRows() {
    }

    static int of(String error) {
        return of(error, COLUMNS);
    }

    /** Rows for the error wrapped at {@code columns} characters a line. */
    static int of(String error, int columns) {
        int width = Math.max(10, columns);
        int rows = 0;
        for (String line : error.strip().split("\n", -1)) {
            rows += Math.max(1, (line.length() + width - 1) / width);
        }
        return Math.max(3, Math.min(MAX, rows + 1));
    }
}
