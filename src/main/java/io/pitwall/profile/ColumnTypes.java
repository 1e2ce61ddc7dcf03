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

    private ColumnTypes() {
    }

    static boolean compatible(String expected, String actual) {
        return FAMILIES.getOrDefault(expected, Set.of(expected)).contains(actual);
    }
}
