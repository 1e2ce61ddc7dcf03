package io.pitwall.profile;

import java.util.List;

/**
 * A table that looks like a profile's but does not match it, and what the profile expected instead.
 *
 * @param where   {@code schema.table}
 * @param columns each missing or mistyped column
 */
public record DetectionProblem(String profileId, String where, String message, List<ColumnMismatch> columns) {

    public DetectionProblem {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    public DetectionProblem(String profileId, String where, String message) {
        this(profileId, where, message, List.of());
    }
}
