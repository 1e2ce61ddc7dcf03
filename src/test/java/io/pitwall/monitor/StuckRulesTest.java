package io.pitwall.monitor;

import io.pitwall.queue.StuckItem;
import io.pitwall.queue.ThresholdOverride;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each built-in stuck rule on both sides of its threshold, on a real PostgreSQL. */
class StuckRulesTest {

    private final StuckReader reader = new StuckReader();

    private List<StuckItem> stuck(Fixture fixture, ThresholdOverride... overrides) throws SQLException {
        return reader.read(fixture.db.dataSource(), fixture.bindings(), List.of(overrides), null);
    }

    private static List<String> ids(List<StuckItem> items, String rule) {
        return items.stream().filter(i -> i.rule().equals(rule)).map(StuckItem::id).sorted().toList();
    }

    @Test
    void shithubLeaseExpiredAfterFiveMinutes() throws SQLException {
        Fixture fixture = Fixture.of("shithub");
        fixture.db.execute("""
                INSERT INTO shithub.jobs (id, kind, state, leased_by, leased_at) VALUES
                  (1, 'repo.push', 'processing', 'worker-a:4242', now() - interval '10 minutes'),
                  (2, 'repo.push', 'processing', 'worker-b:1', now() - interval '4 minutes 50 seconds'),
                  (3, 'repo.push', 'queued', NULL, NULL),
                  (4, 'search.reindex', 'completed', 'worker-a:4242', now() - interval '1 hour');
                """);
        List<StuckItem> items = stuck(fixture);
        assertEquals(List.of("1"), ids(items, "lease-expired"));
        StuckItem item = items.getFirst();
        assertEquals("lease held by worker-a:4242 for 10 min (timeout 5 min)", item.evidence());
        assertEquals("repo.push", item.kind());
        assertEquals("task", item.object());
    }

    @Test
    void shithubThresholdPerKindInTheRunAndPerRun() throws SQLException {
        Fixture fixture = Fixture.of("shithub");
        fixture.db.execute("""
                INSERT INTO shithub.jobs (id, kind, state, leased_by, leased_at) VALUES
                  (1, 'repo.push', 'processing', 'w:1', now() - interval '10 minutes'),
                  (2, 'search.reindex', 'processing', 'w:2', now() - interval '3 minutes');
                """);
        assertEquals(List.of("1", "2"), ids(stuck(fixture,
                new ThresholdOverride("lease-expired", "search.reindex", Duration.ofMinutes(2))), "lease-expired"));
        assertEquals(List.of(), ids(stuck(fixture,
                new ThresholdOverride("lease-expired", null, Duration.ofMinutes(15))), "lease-expired"));
        List<StuckItem> perKind = stuck(fixture, new ThresholdOverride("lease-expired", "search.reindex", Duration.ofMinutes(2)));
        assertTrue(perKind.stream().anyMatch(i -> i.id().equals("2") && i.evidence().endsWith("(timeout 2 min)")),
                perKind.toString());
    }

    @Test
    void cloudgovStalledAfterFifteenMinutesAndNeverPickedUp() throws SQLException {
        Fixture fixture = Fixture.of("cloudgov-broker");
        fixture.db.execute("""
                INSERT INTO public.service_instance (id, instance_type) VALUES ('si-1', 'alb');
                INSERT INTO public.operation (id, service_instance_id, state, action, canceled_at, created_at, updated_at) VALUES
                  (1, 'si-1', 'in progress', 'Provision', NULL, now() - interval '1 hour', now() - interval '20 minutes'),
                  (2, 'si-1', 'in progress', 'Renew', NULL, now() - interval '1 hour', now() - interval '14 minutes'),
                  (3, 'si-1', 'in progress', 'Update', now() - interval '30 minutes', now() - interval '1 hour', now() - interval '40 minutes'),
                  (4, 'si-1', 'succeeded', 'Provision', NULL, now() - interval '2 hours', now() - interval '90 minutes'),
                  (5, 'si-1', 'in progress', 'Provision', NULL, now() - interval '10 minutes', NULL),
                  (6, 'si-1', 'in progress', 'Provision', NULL, now() - interval '4 minutes', NULL);
                """);
        List<StuckItem> items = stuck(fixture);
        assertEquals(List.of("1"), ids(items, "stalled"));
        assertEquals(List.of("5"), ids(items, "never-picked-up"));
        assertEquals("updated 20 min ago; the scanner re-enqueues after 15 min",
                items.stream().filter(i -> i.id().equals("1")).findFirst().orElseThrow().evidence());
    }

    @Test
    void dsa110HeartbeatStaleAfterSixtySeconds() throws SQLException {
        Fixture fixture = Fixture.of("dsa110-absurd");
        fixture.db.execute("""
                INSERT INTO absurd.t_tasks (task_id, queue_name, task_name, status, worker_id, claimed_at, last_heartbeat) VALUES
                  ('00000000-0000-0000-0000-000000000001', 'dsa110-pipeline', 'imaging', 'claimed', 'calnode-3', now() - interval '10 minutes', now() - interval '10 minutes'),
                  ('00000000-0000-0000-0000-000000000002', 'dsa110-pipeline', 'imaging', 'claimed', 'calnode-4', now() - interval '10 minutes', now() - interval '50 seconds'),
                  ('00000000-0000-0000-0000-000000000003', 'dsa110-pipeline', 'mosaic', 'completed', 'calnode-4', now() - interval '10 minutes', now() - interval '9 minutes');
                """);
        List<StuckItem> items = stuck(fixture);
        assertEquals(List.of("00000000-0000-0000-0000-000000000001"), ids(items, "heartbeat-stale"));
        assertEquals("no heartbeat from calnode-3 for 10 min (workers beat every 10 s; stale after 60 s)",
                items.stream().filter(i -> i.rule().equals("heartbeat-stale")).findFirst().orElseThrow().evidence());
    }

    @Test
    void dsa110ClaimedLongerThanItsOwnTimeout() throws SQLException {
        Fixture fixture = Fixture.of("dsa110-absurd");
        fixture.db.execute("""
                INSERT INTO absurd.t_tasks (task_id, queue_name, task_name, status, worker_id, claimed_at, last_heartbeat, timeout_sec) VALUES
                  ('00000000-0000-0000-0000-000000000001', 'dsa110-pipeline', 'imaging', 'claimed', 'calnode-3', now() - interval '70 minutes', now(), 3600),
                  ('00000000-0000-0000-0000-000000000002', 'dsa110-pipeline', 'imaging', 'claimed', 'calnode-3', now() - interval '50 minutes', now(), 3600),
                  ('00000000-0000-0000-0000-000000000003', 'dsa110-pipeline', 'convert-uvh5', 'claimed', 'calnode-4', now() - interval '11 minutes', now(), 600);
                """);
        List<StuckItem> items = stuck(fixture);
        assertEquals(List.of("00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000003"),
                ids(items, "claimed-too-long"));
        assertEquals(List.of(), ids(items, "heartbeat-stale"));
        assertTrue(items.stream().anyMatch(i -> i.evidence().equals("claimed by calnode-4 11 min ago, past its timeout of 10 min")),
                items.toString());
    }

    @Test
    void aBrokenRuleIsNamedInTheError() throws Exception {
        Fixture fixture = Fixture.of("shithub");
        var binding = fixture.binding();
        var profile = binding.profile();
        var broken = new io.pitwall.sql.StuckRule("my-rule", null, null, null, null, null, "t.no_such_column > 1", null,
                "5m", null, null, null, "x", null);
        var patched = new io.pitwall.profile.Profile(profile.id(), profile.title(), profile.system(), profile.source(),
                profile.description(), profile.detect(), profile.tasks(), profile.states(), profile.timeline(),
                List.of(broken), profile.actions(), profile.workers());
        var bad = new io.pitwall.profile.Binding(patched, binding.schema(), binding.table(), binding.queue());
        SQLException error = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                () -> reader.read(fixture.db.dataSource(), List.of(bad), List.of(), null));
        assertTrue(error.getMessage().startsWith("stuck rule 'my-rule' of profile 'shithub' (shithub.jobs): "), error.getMessage());
    }
}
