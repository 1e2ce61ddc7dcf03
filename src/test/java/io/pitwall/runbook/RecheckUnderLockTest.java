package io.pitwall.runbook;

import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.TargetResolver;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.testing.TestSessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What is checked under the row lock (issue 9, items 3, 5 and 6): the whole selection, stuck rule included; guards
 * about other rows lock what they read and hold within a batch; an action reads its stuck rule's threshold per kind.
 */
class RecheckUnderLockTest {

    private static ActionRequest request(String profile, String action, List<String> ids, boolean stuck, boolean all) {
        return new ActionRequest(profile, action, ids, null, null, stuck, Map.of(), "adversarial test", all);
    }

    /** Item 3: `act cancel --profile absurd --stuck` cancelled a task whose claim was renewed after the preview. */
    @Test
    void aClaimRenewedAfterThePreviewIsNoLongerStuck() throws Exception {
        ActionFixture f = new ActionFixture("absurd");
        f.db.execute("SELECT absurd.create_queue('default')");
        String task = f.value("SELECT task_id FROM absurd.spawn_task('default', 'step', '{}'::jsonb)");
        // Claimed with a zero-second lease: expired at once, as a worker that stopped extending would leave it.
        String run = f.value("SELECT run_id FROM absurd.claim_task('default', 'w:1', 0, 1)");
        try (MonitorSession session = TestSessions.builtIn(f.db.url())) {
            Runbook runbook = new Runbook(session);
            List<ActionPreview> previews = runbook.preview(request("absurd", "cancel", List.of(), true, false));
            assertEquals(1, previews.getFirst().allowedRows().size(), "the expired claim is stuck at preview");
            f.value("SELECT absurd.extend_claim('default', '" + run + "', 60)");

            ActionResult result = runbook.execute(previews, ActionListener.NONE);
            assertEquals(0, result.applied());
            assertEquals(1, result.skipped().size());
            assertTrue(result.skipped().getFirst().reason().startsWith("no longer stuck: the holder is alive"),
                    result.skipped().getFirst().reason());
            assertEquals("running", f.value("SELECT state FROM absurd.t_default WHERE task_id = '" + task + "'"));
            assertEquals("running", f.value("SELECT state FROM absurd.r_default WHERE run_id = '" + run + "'"));
        }
    }

    private static ActionFixture cloudgovOneInstanceTwoCancelled() {
        ActionFixture f = new ActionFixture("cloudgov-broker");
        f.db.execute("""
                INSERT INTO service_instance (id, instance_type) VALUES ('inst-a', 'cdn_service_instance');
                INSERT INTO operation (id, service_instance_id, state, action, canceled_at, updated_at) VALUES
                  (10, 'inst-a', 'in progress', 'Renew', now() - interval '30 minutes', now() - interval '30 minutes'),
                  (11, 'inst-a', 'in progress', 'Update', now() - interval '30 minutes', now() - interval '30 minutes');
                """);
        return f;
    }

    private static String active(ActionFixture f) {
        return f.value("SELECT count(*) FROM operation WHERE state = 'in progress' AND canceled_at IS NULL");
    }

    /** Item 5: two cancelled operations of one instance, restarted in one action, both became active. */
    @Test
    void aGuardAboutOtherRowsHoldsWithinTheBatch() {
        ActionFixture f = cloudgovOneInstanceTwoCancelled();
        ActionFixture.Run run = f.cli("act", "restart", "--profile", "cloudgov-broker", "--task", "10", "--task", "11",
                "--yes", "--reason", "adversarial test");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.json().get("applied").asInt(), run.out());
        assertEquals("1", active(f), "one active operation per instance, as the broker allows");
        assertTrue(run.json().get("skipped").get(0).get("reason").asText().contains("another active operation"), run.out());
    }

    /** Item 5, as a race: two operators restart the two operations at once; the instance row serialises them. */
    @Test
    void twoSessionsCannotBothRestartOneInstance() throws Exception {
        ActionFixture f = cloudgovOneInstanceTwoCancelled();
        try (MonitorSession session = TestSessions.builtIn(f.db.url())) {
            Runbook runbook = new Runbook(session, new ActionExecutor(1_000, java.time.Duration.ofSeconds(10),
                    java.time.Duration.ofSeconds(30)));
            List<ActionPreview> first = runbook.preview(request("cloudgov-broker", "restart", List.of("10"), false, false));
            List<ActionPreview> second = runbook.preview(request("cloudgov-broker", "restart", List.of("11"), false, false));
            assertEquals(1, first.getFirst().allowedRows().size());
            assertEquals(1, second.getFirst().allowedRows().size(), "each passes its guard at preview");
            CountDownLatch aboutToCommit = new CountDownLatch(1);
            CompletableFuture<ActionResult> a = CompletableFuture.supplyAsync(() -> {
                try {
                    return runbook.execute(first, new ActionListener() {
                        @Override
                        public void beforeCommit(Connection connection) {
                            aboutToCommit.countDown();
                            sleep(1_500);
                        }
                    });
                } catch (ActionFailed e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(aboutToCommit.await(20, TimeUnit.SECONDS));
            ActionResult b = runbook.execute(second, ActionListener.NONE);
            assertEquals(1, a.get(30, TimeUnit.SECONDS).applied());
            assertEquals(0, b.applied(), "the second waited for the instance row, then saw the first restart");
            assertTrue(b.skipped().getFirst().reason().contains("another active operation"), b.skipped().toString());
            assertEquals("1", active(f));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Item 6: a 10-minute lease of a 30-minute kind, not listed as stuck, was released. */
    @Test
    void forceReleaseReadsTheKindsLeaseTimeoutFromTheStuckRule(@TempDir Path config) throws Exception {
        ActionFixture f = new ActionFixture("shithub");
        f.db.execute("""
                INSERT INTO shithub.jobs (id, kind, state, leased_by, leased_at) VALUES
                  (1, 'repo.archive', 'processing', 'web1:1', now() - interval '10 minutes'),
                  (2, 'search.reindex', 'processing', 'web1:2', now() - interval '10 minutes');
                """);
        String builtIn = new String(ProfileLoader.class.getResourceAsStream("/io/pitwall/profiles/shithub.json").readAllBytes(),
                StandardCharsets.UTF_8);
        String anchor = "\"threshold\": \"5m\",";
        assertTrue(builtIn.contains(anchor));
        Files.writeString(config.resolve("shithub.json"),
                builtIn.replace(anchor, anchor + " \"thresholds\": {\"repo.archive\": \"30m\"},"));
        try (MonitorSession session = new MonitorSession(new DatabasePools(TargetResolver.fromSystem().resolve(f.db.url())),
                new ProfileLoader().load(config))) {
            assertEquals(List.of("2"), session.stuck("shithub", List.of(), null).stream().map(s -> s.id()).toList(),
                    "the stuck screen: only the 5-minute kind's lease has expired");
            Runbook runbook = new Runbook(session);
            ActionResult all = runbook.execute(runbook.preview(request("shithub", "force-release", List.of(), false, true)),
                    ActionListener.NONE);
            assertEquals(1, all.applied());
            ActionResult named = runbook.execute(runbook.preview(new ActionRequest("shithub", "force-release", List.of("1"),
                    null, null, false, Map.of("leaseTimeoutMinutes", "5"), "adversarial test")), ActionListener.NONE);
            assertEquals(0, named.applied(), "a shorter parameter cannot undercut the kind's 30 minutes");
            assertTrue(named.skipped().getFirst().reason().contains("younger than its kind's timeout"), named.skipped().toString());
            ActionResult stuck = runbook.execute(runbook.preview(request("shithub", "force-release", List.of(), true, false)),
                    ActionListener.NONE);
            assertEquals(0, stuck.matched(), "--stuck agrees with the stuck screen");
        }
        assertEquals("processing", f.value("SELECT state FROM shithub.jobs WHERE id = 1"));
        assertEquals("web1:1", f.value("SELECT leased_by FROM shithub.jobs WHERE id = 1"));
        assertEquals("queued", f.value("SELECT state FROM shithub.jobs WHERE id = 2"));
    }
}
