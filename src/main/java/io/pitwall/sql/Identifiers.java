package io.pitwall.sql;

import java.util.regex.Pattern;

/** Quoting of identifiers that come from a profile; operator input never reaches here, it is bound as a parameter. */
public final class Identifiers {

    private static final Pattern PLAIN_COLUMN = Pattern.compile("[a-z_][a-z0-9_]*");

    private Identifiers() {
    }

    public static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("empty SQL identifier");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    public static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    /** A profile field is either a plain lower-case column name or a trusted SQL expression over alias {@code t}. */
    public static boolean isPlainColumn(String field) {
        return field != null && PLAIN_COLUMN.matcher(field).matches();
    }
}
