package io.pitwall.profile;

import java.util.List;

/**
 * A table that looks like a profile's but does not match it, and what the profile expected instead.
 *
 * @param where   {@code schema.table}
 * @param columns each missing or mistyped column
 */
public record DetectionProblem(String profileId, String where, String message, List<ColumnMismatch> columns,
                               String version) {

    public DetectionProblem {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    public DetectionProblem(String profileId, String where, String message, List<ColumnMismatch> columns) {
        this(profileId, where, message, columns, null);
    }

    /** The profile id, with the schema version it almost matches where the id has several. */
    public String label() {
        return version == null ? profileId : profileId + " (" + version + ")";
    }

    public DetectionProblem(String profileId, String where, String message) {
        this(profileId, where, message, List.of());
    }
}
