package io.pitwall.runbook;

import java.sql.Connection;
import java.sql.SQLException;

/** Follows a bulk execution batch by batch; can stop it between batches. */
public interface ActionListener {

    ActionListener NONE = new ActionListener() {
    };

    default void batchDone(int rowsDone, int rowsTotal) {
    }

    /** Asked before each batch; true stops the execution, committed batches stay. */
    default boolean cancelRequested() {
        return false;
    }

    /** Inside the batch transaction, after the audit row is written and before the commit. */
    default void beforeCommit(Connection connection) throws SQLException {
    }
}
