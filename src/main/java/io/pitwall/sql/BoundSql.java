package io.pitwall.sql;

import java.util.List;

/** SQL with its bind parameters, in order. Parameters carry every value that came from an operator. */
public record BoundSql(String sql, List<Object> params) {

    public BoundSql {
        params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
    }
}
