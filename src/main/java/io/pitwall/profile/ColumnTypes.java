package io.pitwall.profile;

import java.util.Map;
import java.util.Set;

/** Loose type families, so a profile that says "text" accepts varchar and one that says "int" accepts bigint. */
final class ColumnTypes {

    private static final Map<String, Set<String>> FAMILIES = Map.of(
            "text", Set.of("text", "varchar", "bpchar", "name", "citext"),
            "int", Set.of("int2", "int4", "int8", "numeric"),
            "timestamp", Set.of("timestamptz", "timestamp"),
            "timestamptz", Set.of("timestamptz", "timestamp"),
            "json", Set.of("json", "jsonb"),
            "jsonb", Set.of("jsonb", "json"),
            "uuid", Set.of("uuid"),
            "bool", Set.of("bool"));

    private static final Set<String> OTHER_TYPES = Set.of("int2", "int4", "int8", "numeric", "float4", "float8",
            "varchar", "bpchar", "date", "time", "interval", "bytea", "inet", "oid", "citext");

    private ColumnTypes() {
    }

    /** Type names a profile may use after the colon in {@code detect.columns}. */
    static boolean known(String expected) {
        return FAMILIES.containsKey(expected) || OTHER_TYPES.contains(expected);
    }

    /** "int (int2, int4, int8 or numeric)" for a family, the name itself otherwise. */
    static String describe(String expected) {
        Set<String> family = FAMILIES.get(expected);
        if (family == null || family.size() == 1) {
            return expected;
        }
        return expected + " (any of " + String.join(", ", new java.util.TreeSet<>(family)) + ")";
    }

    static boolean compatible(String expected, String actual) {
        return FAMILIES.getOrDefault(expected, Set.of(expected)).contains(actual);
    }
}
