package io.pitwall.queue;

/**
 * Text from a database (error messages, reasons, payloads) made safe to print on a terminal: ESC and the other
 * C0 and C1 control characters would otherwise move the cursor, recolour or retitle the operator's terminal.
 * Newlines and tabs stay; everything else becomes a visible escape such as {@code \x1b} or {@code \u009b}.
 */
public final class SafeText {

    private SafeText() {
    }

    public static String visible(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)
                    || c == '\u2028' || c == '\u2029';
            if (control && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (!control) {
                    out.append(c);
                } else if (c <= 0xff) {
                    out.append(String.format("\\x%02x", (int) c));
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** Like {@link #visible} and single-line: newlines and tabs are escaped too, for one field on one line. */
    public static String oneLine(String text) {
        return text == null ? null : visible(text).replace("\n", "\\n").replace("\t", "\\t");
    }
}
