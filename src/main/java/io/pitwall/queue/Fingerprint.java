package io.pitwall.queue;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An error message with what varies between occurrences taken out (timestamps, uuids, hex ids, paths, numbers),
 * so "137 failures, all No space left on device" becomes one group. Only the first line counts: a stack trace's
 * frames differ with line numbers and versions, its first line names the failure.
 */
public final class Fingerprint {

    /** Fingerprints longer than this are cut; two messages that agree this far are the same failure. */
    static final int MAX_LENGTH = 200;

    private record Rule(Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
            // Paths first: a file name may hold a timestamp or an id. A colon belongs to the path only inside it
            // ("/data/2025-11-19T03:50:00.ms"), not when it ends it ("/objects/pack: no space left").
            new Rule(Pattern.compile("(?<![\\w.])(?:[A-Za-z]:)?(?:/(?:[\\w.@+=,-]|:(?=[\\w]))+){2,}/?"), "<path>"),
            new Rule(Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}(:?\\d{2})?)?"), "<time>"),
            new Rule(Pattern.compile("\\d{1,2}:\\d{2}:\\d{2}(\\.\\d+)?"), "<time>"),
            new Rule(Pattern.compile("(?i)\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b"), "<uuid>"),
            new Rule(Pattern.compile("(?i)\\b0x[0-9a-f]+\\b"), "<hex>"),
            // Hex ids (commit shas, object ids) have digits and letters; plain words and plain numbers are left to the rules below.
            new Rule(Pattern.compile("(?i)\\b(?=[0-9a-f]*\\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}\\b"), "<hex>"),
            new Rule(Pattern.compile("\\d+(\\.\\d+)?"), "<n>"));

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Fingerprint() {
    }

    public static String of(String error) {
        if (error == null || error.isBlank()) {
            return "(no error text)";
        }
        String text = firstLine(error.strip());
        for (Rule rule : RULES) {
            text = rule.pattern().matcher(text).replaceAll(rule.replacement());
        }
        text = SPACES.matcher(text).replaceAll(" ").strip();
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "…" : text;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
