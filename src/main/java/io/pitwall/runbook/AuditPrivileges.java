package io.pitwall.runbook;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The privileges the audit log needs, checked before it is touched, so a missing grant is a refusal that names
 * the privilege and the GRANT that fixes it instead of a raw "permission denied" from halfway through.
 */
final class AuditPrivileges {

    private AuditPrivileges() {
    }

    /** Refuses when schema pitwall exists but this role may not use it; a missing schema is fine (created later). */
    static void requireSchemaUsage(Connection connection, String purpose) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT quote_ident(current_user), "
                     + "has_schema_privilege(to_regnamespace('pitwall')::oid, 'USAGE')")) {
            rs.next();
            String role = rs.getString(1);
            Object usage = rs.getObject(2);
            if (Boolean.FALSE.equals(usage)) {
                throw new ActionRefused("the database role " + role + " lacks USAGE on schema pitwall, so the audit log "
                        + "cannot be " + purpose + "; nothing was changed. An administrator fixes it with: "
                        + "GRANT USAGE ON SCHEMA pitwall TO " + role + ";");
            }
        }
    }

    /** Reading the log (the audit screen, undo): SELECT on the table. */
    static void requireForReading(Connection connection) throws SQLException {
        require(connection, "read", List.of("SELECT"), false);
    }

    /** Writing a row: INSERT, SELECT (the row's id comes back, undo reads it) and USAGE on the id sequence. */
    static void requireForWriting(Connection connection) throws SQLException {
        require(connection, "written", List.of("SELECT", "INSERT"), true);
    }

    private static void require(Connection connection, String purpose, List<String> tablePrivileges, boolean sequence)
            throws SQLException {
        List<String> missing = new ArrayList<>();
        String role;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT quote_ident(current_user), "
                     + "has_table_privilege(to_regclass('" + AuditLog.TABLE + "')::oid, 'SELECT'), "
                     + "has_table_privilege(to_regclass('" + AuditLog.TABLE + "')::oid, 'INSERT'), "
                     + "has_sequence_privilege(to_regclass('pitwall.audit_log_id_seq')::oid, 'USAGE')")) {
            rs.next();
            role = rs.getString(1);
            for (String privilege : tablePrivileges) {
                if (!Boolean.TRUE.equals(rs.getObject(privilege.equals("SELECT") ? 2 : 3))) {
                    missing.add(privilege);
                }
            }
            boolean sequenceMissing = sequence && !Boolean.TRUE.equals(rs.getObject(4));
            if (missing.isEmpty() && !sequenceMissing) {
                return;
            }
            List<String> named = new ArrayList<>();
            List<String> grants = new ArrayList<>();
            if (!missing.isEmpty()) {
                named.add(String.join(" and ", missing) + " on " + AuditLog.TABLE);
                grants.add("GRANT " + String.join(", ", missing) + " ON " + AuditLog.TABLE + " TO " + role + ";");
            }
            if (sequenceMissing) {
                named.add("USAGE on sequence pitwall.audit_log_id_seq");
                grants.add("GRANT USAGE ON SEQUENCE pitwall.audit_log_id_seq TO " + role + ";");
            }
            throw new ActionRefused("the database role " + role + " lacks " + String.join(" and ", named)
                    + ", so the audit log cannot be " + purpose + "; nothing was changed. An administrator fixes it with: "
                    + String.join(" ", grants));
        }
    }

    /**
     * A table created before connections had names lacks the column; add it when this role may, otherwise the
     * rows go on without the name (the action itself is not less safe for it).
     */
    static void addConnectionColumn(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = '"
                     + AuditLog.TABLE + "'::regclass AND attname = 'connection' AND NOT attisdropped), "
                     + "pg_has_role((SELECT relowner FROM pg_class WHERE oid = '" + AuditLog.TABLE + "'::regclass), 'USAGE')")) {
            rs.next();
            if (rs.getBoolean(1) || !rs.getBoolean(2)) {
                return;
            }
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + AuditLog.TABLE + " ADD COLUMN IF NOT EXISTS connection text "
                    + "DEFAULT current_setting('pitwall.connection', true)");
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
