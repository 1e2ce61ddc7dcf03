package io.pitwall.monitor;

import io.pitwall.queue.ReplicaLag;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;

/**
 * Reads a standby's lag from its own functions (no grant beyond LOGIN needed; pg_stat_wal_receiver's status is
 * visible to every role). Replay lag counts only while WAL waits to be replayed: on a quiet primary the last
 * replayed commit grows old while the standby is fully caught up, and that is no lag.
 */
final class ReplicaLagReader {

    private static final String SQL = """
            SELECT pg_is_in_recovery(),
                   EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming'),
                   pg_last_wal_receive_lsn()::text,
                   pg_last_wal_replay_lsn()::text,
                   COALESCE(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), 0)::bigint,
                   pg_last_xact_replay_timestamp(),
                   CASE WHEN NOT pg_is_in_recovery() THEN 0
                        WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn()
                             AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN 0
                        ELSE COALESCE(EXTRACT(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()), 0)
                   END::float8
            """;

    ReplicaLag read(DataSource monitor) throws SQLException {
        try (Connection connection = monitor.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(SQL)) {
            rs.next();
            Timestamp replayed = rs.getTimestamp(6);
            return new ReplicaLag(rs.getBoolean(1), rs.getBoolean(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                    replayed == null ? null : replayed.toInstant(),
                    Duration.ofMillis(Math.max(0, Math.round(rs.getDouble(7) * 1000))));
        }
    }
}
