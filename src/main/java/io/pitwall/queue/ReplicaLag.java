package io.pitwall.queue;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a standby is behind its primary, as the standby itself says.
 *
 * @param standby      false when the database is not in recovery (a primary): then it is behind nothing
 * @param streaming    its WAL receiver is connected to the primary
 * @param bytesBehind  WAL received but not yet replayed
 * @param lastReplayed commit time of the last transaction replayed, null before the first
 * @param lag          zero when everything received is replayed; otherwise the time since the last replayed commit
 */
public record ReplicaLag(boolean standby, boolean streaming, String receiveLsn, String replayLsn, long bytesBehind,
                         Instant lastReplayed, Duration lag) {

    /** "lag 0.4 s, 12 kB to replay", or why there is none to speak of. */
    public String describe() {
        if (!standby) {
            return "not a standby: this database is a primary";
        }
        String text = "lag " + format(lag);
        if (bytesBehind > 0) {
            text += ", " + (bytesBehind >= 1024 ? bytesBehind / 1024 + " kB" : bytesBehind + " B") + " to replay";
        }
        return streaming ? text : text + ", not streaming from the primary";
    }

    /** Tenths of a second under a minute (a standby is usually well under one), then as every age is written. */
    public static String format(Duration lag) {
        return lag.toSeconds() < 60 ? String.format(java.util.Locale.ROOT, "%.1f s", lag.toMillis() / 1000.0)
                : Ages.format(lag);
    }
}
