package io.pitwall.ui.dashboard;

import io.pitwall.cli.CliRun;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.monitor.SkeletonFixture;
import io.pitwall.queue.QueueTrend;
import io.pitwall.testing.TestDatabase;
import io.pitwall.testing.TestSessions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console marked a card on the failures of the last finished minute while {@code pitwall check} averaged the
 * last 5 minutes, so the two disagreed on a burst three minutes ago (check warned, the card was clear) and on a
 * spike in the last minute alone (the card alerted, check was OK). Both now use FailureRate; on the same data,
 * with the card's "more than 1" and check's warning at 2, they give the same verdict.
 */
class FailureRuleAgreementTest {

    private static final QueueThresholds MORE_THAN_ONE = new QueueThresholds(0, Duration.ofHours(1), 1);

    @Test
    void aBurstThreeMinutesAgoWarnsInBoth() throws Exception {
        // 10 failures three minutes ago, none since: 2.0 a minute over 5 minutes; the last finished minute had 0.
        TestDatabase db = fixture("now() - interval '3 minutes'", 10);
        assertEquals(1, check(db), "check warns at 2.0 ≥ 2");
        assertTrue(cardMarked(db), "and the card is marked: the old rule saw 0 in the last minute");
    }

    @Test
    void aSpikeInTheLastMinuteAloneIsBelowTheAverageInBoth() throws Exception {
        // 8 failures in the last finished minute: 1.6 a minute on average, below the warning at 2.
        TestDatabase db = fixture("date_trunc('minute', now()) - interval '30 seconds'", 8);
        assertEquals(0, check(db), "check is OK at 1.6 < 2");
        assertFalse(cardMarked(db), "and the card is clear: the old rule alerted on 8 > 1");
    }

    private static TestDatabase fixture(String failedAt, int failures) {
        TestDatabase db = TestDatabase.fresh();
        db.execute(SkeletonFixture.resource("/io/pitwall/demo/shithub.sql"));
        db.execute("INSERT INTO shithub.jobs (kind, state, last_error, updated_at) SELECT 'email', 'failed', "
                + "'smtp: connection refused', " + failedAt + " FROM generate_series(1, " + failures + ")");
        return db;
    }

    private static int check(TestDatabase db) {
        CliRun run = CliRun.of("check", "--url", db.url(), "--profile", "shithub", "--failures-per-minute", "2");
        return run.exitCode();
    }

    private static boolean cardMarked(TestDatabase db) throws Exception {
        try (MonitorSession session = TestSessions.builtIn(db.url())) {
            QueueTrend trend = session.trends().stream().filter(t -> t.profileId().equals("shithub")).findFirst()
                    .orElseThrow();
            return Severity.failuresOver(trend, MORE_THAN_ONE);
        }
    }
}
