package io.pitwall.profile;

/**
 * One way a table differs from what a profile expects of it.
 *
 * @param expected the type the profile asks for ({@code any} when it names no type)
 * @param actual   the column's type in the database, or null where the column is missing
 */
public record ColumnMismatch(String column, String expected, String actual) {

    /** {@code expected} of a whole sibling table that is missing ({@code detect.tables}). */
    public static final String TABLE = "a table";

    public boolean missing() {
        return actual == null;
    }

    public String describe() {
        if (missing() && TABLE.equals(expected)) {
            return "missing table " + column;
        }
        return missing() ? "missing column " + column + " (expected " + expected + ")"
                : "column " + column + " is " + actual + ", expected " + expected;
    }
}
