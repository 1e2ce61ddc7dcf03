package io.pitwall.runbook;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code pitwall.audit_log} in the target database, created on first use. Rows are written inside the action's
 * own batch transaction, so an audit row exists exactly when its change was committed.
 */
public final class AuditLog {

    static final String TABLE = "pitwall.audit_log";

    private static final String CREATE = """
            CREATE SCHEMA IF NOT EXISTS pitwall;
            CREATE TABLE IF NOT EXISTS pitwall.audit_log (
                id           bigserial PRIMARY KEY,
                run_id       uuid NOT NULL,
                batch        int NOT NULL,
                at           timestamptz NOT NULL DEFAULT now(),
                os_user      text,
                db_user      text NOT NULL DEFAULT current_user,
                app_host     text,
                client_addr  text DEFAULT inet_client_addr()::text,
                profile      text NOT NULL,
                schema_name  text NOT NULL,
                table_name   text NOT NULL,
                queue        text,
                action       text NOT NULL,
                undo_of      bigint REFERENCES pitwall.audit_log (id),
                selector     jsonb NOT NULL,
                parameters   jsonb NOT NULL,
                reason       text NOT NULL,
                sql          text NOT NULL,
                matched      int NOT NULL,
                applied      int NOT NULL,
                skipped      int NOT NULL,
                refused_at_preview int NOT NULL DEFAULT 0,
                rows         jsonb NOT NULL,
                skipped_rows jsonb NOT NULL,
                result       jsonb,
                connection   text DEFAULT current_setting('pitwall.connection', true)
            );
            CREATE INDEX IF NOT EXISTS audit_log_at_idx ON pitwall.audit_log (at);
            CREATE INDEX IF NOT EXISTS audit_log_undo_of_idx ON pitwall.audit_log (undo_of);
            """;

    /** Columns added since the table was first created somewhere; added on first use after an upgrade. */
    private static final String UPGRADE = """
            ALTER TABLE pitwall.audit_log ADD COLUMN IF NOT EXISTS refused_at_preview int NOT NULL DEFAULT 0""";

    private AuditLog() {
    }

    /** Creates the table if needed; refuses, naming the privilege, when it cannot be created or written. */
    static void ensure(Connection connection) throws SQLException {
        AuditPrivileges.requireSchemaUsage(connection, "written");
        boolean exists = exists(connection);
        if (!exists) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute(CREATE);
            } catch (SQLException e) {
                if ("42501".equals(e.getSQLState())) {
                    throw new ActionRefused("cannot create " + TABLE + ": the database user needs the CREATE privilege on "
                            + "this database (or an administrator creates schema pitwall and table audit_log and grants "
                            + "INSERT and USAGE on its sequence); nothing was changed");
                }
                // Two sessions creating it at once: the loser sees a duplicate; the table is there either way.
                if (!exists(connection)) {
                    throw e;
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
        AuditPrivileges.requireForWriting(connection);
        AuditPrivileges.addConnectionColumn(connection);
        upgrade(connection);
    }

    private static void upgrade(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_attribute WHERE attrelid = '" + TABLE
                     + "'::regclass AND attname = 'refused_at_preview' AND NOT attisdropped")) {
            rs.next();
            if (rs.getInt(1) == 1) {
                return;
            }
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute(UPGRADE);
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new ActionRefused(TABLE + " predates column refused_at_preview and this user cannot add it: its "
                        + "owner runs " + UPGRADE + "; nothing was changed");
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    static boolean exists(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT to_regclass('" + TABLE + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    record Batch(UUID runId, int batch, String profileId, String schema, String table, String queue, String actionId,
                 Long undoOf, String selectorJson, String parametersJson, String reason, String sql, int matched,
                 int applied, int skipped, int refusedAtPreview, String rowsJson, String skippedJson, String resultJson) {
    }

    static long insert(Connection connection, Batch batch) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO pitwall.audit_log (run_id, batch, os_user, app_host, profile, schema_name, table_name, queue,
                    action, undo_of, selector, parameters, reason, sql, matched, applied, skipped, refused_at_preview, rows, skipped_rows, result)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?, ?, ?, ?,
                    CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb))
                RETURNING id""")) {
            int i = 0;
            statement.setObject(++i, batch.runId());
            statement.setInt(++i, batch.batch());
            statement.setString(++i, System.getProperty("user.name"));
            statement.setString(++i, hostName());
            statement.setString(++i, batch.profileId());
            statement.setString(++i, batch.schema());
            statement.setString(++i, batch.table());
            statement.setString(++i, batch.queue());
            statement.setString(++i, batch.actionId());
            statement.setObject(++i, batch.undoOf());
            statement.setString(++i, batch.selectorJson());
            statement.setString(++i, batch.parametersJson());
            statement.setString(++i, batch.reason());
            statement.setString(++i, batch.sql());
            statement.setInt(++i, batch.matched());
            statement.setInt(++i, batch.applied());
            statement.setInt(++i, batch.skipped());
            statement.setInt(++i, batch.refusedAtPreview());
            statement.setString(++i, batch.rowsJson());
            statement.setString(++i, batch.skippedJson());
            statement.setString(++i, batch.resultJson());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }

    private static final String SELECT = """
            SELECT a.id, a.run_id::text, a.batch, a.at, a.os_user, a.db_user, coalesce(a.app_host, a.client_addr),
                   a.profile, a.schema_name, a.table_name, a.queue, a.action, a.undo_of,
                   (SELECT min(u.id) FROM pitwall.audit_log u WHERE u.undo_of = a.id AND u.applied > 0),
                   a.selector::text, a.parameters::text, a.reason, a.sql, a.matched, a.applied, a.skipped,
                   a.rows::text, a.skipped_rows::text, to_jsonb(a) ->> 'connection'
            FROM pitwall.audit_log a""";

    /** Newest first; empty when nothing was ever done here (the table does not exist yet). */
    public static List<AuditEntry> list(Connection connection, Duration since, int limit) throws SQLException {
        AuditPrivileges.requireSchemaUsage(connection, "read");
        if (!exists(connection)) {
            return List.of();
        }
        AuditPrivileges.requireForReading(connection);
        List<AuditEntry> entries = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SELECT
                + " WHERE a.at >= now() - make_interval(secs => ?) ORDER BY a.id DESC LIMIT ?")) {
            statement.setDouble(1, since.toSeconds());
            statement.setInt(2, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    entries.add(entry(rs));
                }
            }
        }
        return entries;
    }

    public static Optional<AuditEntry> find(Connection connection, long id) throws SQLException {
        AuditPrivileges.requireSchemaUsage(connection, "read");
        if (!exists(connection)) {
            return Optional.empty();
        }
        AuditPrivileges.requireForReading(connection);
        try (PreparedStatement statement = connection.prepareStatement(SELECT + " WHERE a.id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
            }
        }
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        int i = 0;
        long id = rs.getLong(++i);
        String runId = rs.getString(++i);
        int batch = rs.getInt(++i);
        Timestamp at = rs.getTimestamp(++i);
        String osUser = rs.getString(++i);
        String dbUser = rs.getString(++i);
        String host = rs.getString(++i);
        String profile = rs.getString(++i);
        String schema = rs.getString(++i);
        String table = rs.getString(++i);
        String queue = rs.getString(++i);
        String action = rs.getString(++i);
        Long undoOf = (Long) rs.getObject(++i);
        Long undoneBy = (Long) rs.getObject(++i);
        return new AuditEntry(id, runId, batch, at.toInstant(), osUser, dbUser, host, profile, schema, table, queue,
                action, undoOf, undoneBy, rs.getString(++i), rs.getString(++i), rs.getString(++i), rs.getString(++i),
                rs.getInt(++i), rs.getInt(++i), rs.getInt(++i), rs.getString(++i), rs.getString(++i), rs.getString(++i));
    }
}
