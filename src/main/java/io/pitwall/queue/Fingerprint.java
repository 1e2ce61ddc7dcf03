package io.pitwall.queue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An error message with what varies between occurrences taken out (urls, paths, quoted values, timestamps, uuids,
 * hex ids, numbers, line numbers), so "137 failures, all No space left on device" becomes one group whichever file
 * or id each one names. Only the first line counts: a stack trace's frames differ with line numbers and versions,
 * its first line names the failure.
 */
public final class Fingerprint {

    /** What a failure with no error text groups under; the group then says why there is none. */
    public static final String NO_TEXT = "(no error text)";

    /** Fingerprints longer than this are cut; two messages that agree this far are the same failure. */
    static final int MAX_LENGTH = 200;

    private record Rule(Pattern pattern, String replacement) {
    }

    private static final String PLACEHOLDER = "<[a-z]+>";

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^\\s'\"<>()\\[\\]]+"), "<url>"),
            new Rule(Pattern.compile("(?i)\\b[\\w.+-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)+\\b"), "<email>"),
            // Paths before the rest: a file name may hold a timestamp or an id. A colon belongs to the path only
            // inside it ("/data/2025-11-19T03:50:00.ms"), not when it ends it ("/objects/pack: no space left").
            new Rule(Pattern.compile("(?<![\\w.])(?:[A-Za-z]:)?(?:/(?:[\\w.@+=,~-]|:(?=[\\w]))+){2,}/?"), "<path>"),
            new Rule(Pattern.compile("(?<![\\w])[A-Za-z]:\\\\(?:[^\\s'\"\\\\:*?<>|]+\\\\?)+"), "<path>"),
            // A relative path to a file ("app/models/user.rb", "tmp/exports/export-41.csv"): two parts and an extension.
            new Rule(Pattern.compile("(?<![\\w./<])(?:[\\w.-]+/)+[\\w-]+\\.[A-Za-z0-9]{1,6}\\b"), "<path>"),
            new Rule(Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}(:?\\d{2})?)?"), "<time>"),
            new Rule(Pattern.compile("\\d{4}-\\d{2}-\\d{2}"), "<date>"),
            new Rule(Pattern.compile("\\d{1,2}:\\d{2}:\\d{2}(\\.\\d+)?"), "<time>"),
            new Rule(Pattern.compile("(?i)\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b"), "<uuid>"),
            new Rule(Pattern.compile("(?i)\\b0x[0-9a-f]+\\b"), "<hex>"),
            // Hex ids (commit shas, object ids) have digits and letters; plain words and plain numbers are left to the rules below.
            new Rule(Pattern.compile("(?i)\\b(?=[0-9a-f]*\\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}\\b"), "<hex>"),
            new Rule(Pattern.compile("\\d+(\\.\\d+)?"), "<n>"));

    /**
     * A quoted value: 'x', "x", `x' or `x`. One that names a thing in code (a constraint "users_email_key", a class
     * 'ActiveRecord::RecordNotFound', a property 'map', a column 'id') is part of the cause and stays; any other
     * (a file name, a sentence, anything that held a number or an id) varies between occurrences and goes.
     */
    private static final Pattern QUOTED = Pattern.compile(
            "(?<!\\w)(?:'([^'\\n]{0,200})'|\"([^\"\\n]{0,200})\"|`([^`'\\n]{0,200})[`'])(?!\\w)");
    private static final Pattern CODE_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(?:(?:::|\\.|-|#)[A-Za-z_$][\\w$]*)*[?!]?");

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Fingerprint() {
    }

    public static String of(String error) {
        if (error == null || error.isBlank()) {
            return NO_TEXT;
        }
        String text = firstLine(error.strip());
        for (Rule rule : RULES) {
            text = rule.pattern().matcher(text).replaceAll(rule.replacement());
        }
        text = quotedValues(text);
        text = SPACES.matcher(text).replaceAll(" ").strip();
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "…" : text;
    }

    private static String quotedValues(String text) {
        Matcher quoted = QUOTED.matcher(text);
        StringBuilder out = new StringBuilder();
        while (quoted.find()) {
            String value = quoted.group(1) != null ? quoted.group(1) : quoted.group(2) != null ? quoted.group(2) : quoted.group(3);
            String whole = quoted.group();
            boolean keep = value.isEmpty() || value.matches(PLACEHOLDER) || CODE_NAME.matcher(value).matches();
            String replacement = keep ? whole : whole.charAt(0) + "<v>" + whole.charAt(whole.length() - 1);
            quoted.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        quoted.appendTail(out);
        return out.toString();
    }

    /**
     * The line that names the failure: the first, except in a Python traceback, which names it last
     * ("Traceback (most recent call last):" heads every one of them).
     */
    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline);
        if (newline >= 0 && first.startsWith("Traceback (most recent call last)")) {
            String[] lines = text.split("\n");
            for (int i = lines.length - 1; i > 0; i--) {
                if (!lines[i].isBlank() && !Character.isWhitespace(lines[i].charAt(0))) {
                    return lines[i];
                }
            }
        }
        return first;
    }
}
