package io.pitwall.sql;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for the optional columns a bound table lacks. A profile that covers several schema versions names the
 * columns only some versions have, each with the SQL that replaces it where it is missing; every reference to such a
 * column on the task alias ({@code t.col} or {@code t."col"}), and a task field that is just its name, then reads the
 * stand-in. Fragments over another table (a stuck rule or action with its own {@code table}) are left alone: there
 * {@code t} is not the task table.
 */
public final class OptionalColumns {

    private OptionalColumns() {
    }

    /**
     * @param fallbacks absent column name to the SQL standing in for it (already known to be absent)
     */
    public static String apply(String sql, Map<String, String> fallbacks) {
        if (sql == null || fallbacks.isEmpty()) {
            return sql;
        }
        if (fallbacks.containsKey(sql.strip())) {
            return apply("(" + fallbacks.get(sql.strip()) + ")", fallbacks);
        }
        // A stand-in may itself use another absent column (pg-boss v10's expire_in for v11's expire_seconds is v9's
        // expirein): replace until nothing changes, at most once per column so a cycle cannot loop.
        String text = sql;
        for (int pass = 0; pass <= fallbacks.size(); pass++) {
            String before = text;
            for (Map.Entry<String, String> absent : fallbacks.entrySet()) {
                String name = Pattern.quote(absent.getKey());
                Pattern reference = Pattern.compile("(?<![\\w.\"])t\\.(?:\"" + name + "\"|" + name + "(?![\\w\"]))");
                text = reference.matcher(text).replaceAll(Matcher.quoteReplacement("(" + absent.getValue() + ")"));
            }
            if (text.equals(before)) {
                break;
            }
        }
        return text;
    }
}
