package io.pitwall.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.queue.CanonicalState;
import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command's --json against DESIGN.md's command-line contract, field by field and type by type: one JSON
 * document and nothing else on stdout, task ids as strings, states as canonical names with the raw value beside,
 * and the contract's exit codes. The values themselves are each command's own test's business.
 */
class JsonContractTest {

    private static final Set<String> CANONICAL = Arrays.stream(CanonicalState.values()).map(Enum::name)
            .collect(Collectors.toSet());
    private static final ObjectMapper ONE_DOCUMENT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static ActionFixture f;

    @BeforeAll
    static void fixture() {
        f = new ActionFixture("shithub");
        f.db.execute("""
                INSERT INTO shithub.jobs (id, kind, payload, state, leased_by, leased_at, attempts, last_error) VALUES
                  (1, 'repo.push', '{"repo_id": 7}', 'queued', NULL, NULL, 0, NULL),
                  (2, 'repo.push', '{"repo_id": 7}', 'processing', 'worker-3:4121', now() - interval '2 hours', 1, NULL),
                  (3, 'repo.push', '{"repo_id": 7}', 'failed', NULL, NULL, 3, 'git: exit status 128'),
                  (4, 'search.reindex', '{"repo_id": 8}', 'processing', 'worker-1:77', now(), 1, NULL),
                  (5, 'search.reindex', '{"repo_id": 8}', 'completed', NULL, NULL, 1, NULL),
                  (6, 'repo.push', '{"repo_id": 9}', 'processing', 'worker-5:9', now() - interval '3 hours', 1, NULL),
                  (7, 'repo.push', '{"repo_id": 9}', 'processing', 'worker-6:9', now(), 1, NULL)
                """);
    }

    private static JsonNode json(int expectedExit, String... args) {
        ActionFixture.Run run = f.cli(args);
        assertEquals(expectedExit, run.exitCode(), String.join(" ", args) + ": " + run.err());
        try {
            return ONE_DOCUMENT.readTree(run.out());
        } catch (Exception e) {
            throw new AssertionError(String.join(" ", args) + ": stdout is not one JSON document:\n" + run.out(), e);
        }
    }

    private static void text(JsonNode node, String field) {
        assertTrue(node.hasNonNull(field) && node.get(field).isTextual(), field + " is a string: " + node);
    }

    private static void present(JsonNode node, String field) {
        assertTrue(node.has(field), field + " is present: " + node);
    }

    private static void count(JsonNode node, String field) {
        assertTrue(node.hasNonNull(field) && node.get(field).isIntegralNumber() && node.get(field).asLong() >= 0,
                field + " is a count: " + node);
    }

    private static void state(JsonNode node) {
        text(node, "state");
        assertTrue(CANONICAL.contains(node.get("state").asText()), "a canonical state: " + node);
        text(node, "rawState");
    }

    private static void counts(JsonNode counts) {
        assertTrue(counts.isObject() && counts.size() > 0, counts.toString());
        counts.fieldNames().forEachRemaining(name -> {
            assertTrue(CANONICAL.contains(name), "counts are keyed by canonical state: " + name);
            count(counts, name);
        });
    }

    private static JsonNode onlyProfile(JsonNode document) {
        assertTrue(document.get("profiles").isArray(), document.toString());
        assertEquals(1, document.get("profiles").size(), document.toString());
        JsonNode profile = document.get("profiles").get(0);
        assertEquals("shithub", profile.get("profile").asText());
        return profile;
    }

    @Test
    void detect() {
        JsonNode profile = onlyProfile(json(0, "detect"));
        text(profile, "title");
        text(profile, "where");
    }

    @Test
    void status() {
        JsonNode profile = onlyProfile(json(0, "status", "--profile", "shithub"));
        counts(profile.get("counts"));
        assertTrue(profile.get("estimated").isBoolean(), profile.toString());
        assertTrue(profile.get("kinds").isArray() && profile.get("kinds").size() == 2, profile.toString());
        for (JsonNode kind : profile.get("kinds")) {
            text(kind, "kind");
            counts(kind.get("counts"));
        }
    }

    @Test
    void stuck() {
        JsonNode stuck = onlyProfile(json(0, "stuck", "--profile", "shithub")).get("stuck");
        assertFalse(stuck.isEmpty(), stuck.toString());
        for (JsonNode item : stuck) {
            text(item, "id");
            present(item, "kind");
            text(item, "rule");
            text(item, "evidence");
        }
        assertTrue(stuck.findValuesAsText("id").contains("2"), stuck.toString());
    }

    @Test
    void failedAndItsGroups() {
        JsonNode failed = onlyProfile(json(0, "failed", "--profile", "shithub")).get("failed");
        assertEquals(1, failed.size(), failed.toString());
        text(failed.get(0), "id");
        present(failed.get(0), "kind");
        present(failed.get(0), "error");
        state(failed.get(0));
        JsonNode groups = onlyProfile(json(0, "failed", "--profile", "shithub", "--group")).get("groups");
        assertEquals(1, groups.size(), groups.toString());
        JsonNode group = groups.get(0);
        text(group, "fingerprint");
        count(group, "count");
        assertTrue(group.get("ids").isArray() && group.get("ids").size() == 1, group.toString());
        group.get("ids").forEach(id -> assertTrue(id.isTextual(), "group ids are strings: " + group));
        present(group, "sample");
    }

    @Test
    void show() {
        JsonNode document = json(0, "show", "--profile", "shithub", "--task", "3");
        assertEquals("shithub", document.get("profile").asText());
        JsonNode task = document.get("task");
        assertEquals("3", task.get("id").asText());
        text(task, "id");
        state(task);
        assertEquals("git: exit status 128", task.get("error").asText());
        json(2, "show", "--profile", "shithub", "--task", "999");
    }

    @Test
    void timeline() {
        JsonNode document = json(0, "timeline", "--profile", "shithub", "--pipeline", "7");
        assertEquals("shithub", document.get("profile").asText());
        text(document, "pipeline");
        assertEquals(3, document.get("spans").size(), document.toString());
        for (JsonNode span : document.get("spans")) {
            text(span, "id");
            present(span, "kind");
            state(span);
            present(span, "start");
            present(span, "end");
            assertTrue(span.get("stuck").isArray(), span.toString());
        }
    }

    @Test
    void actDryRunThenAppliedThenRefused() {
        String[] forceRelease = {"act", "force-release", "--profile", "shithub", "--task", "6", "--task", "7",
                "--reason", "contract"};
        JsonNode dry = json(0, concat(forceRelease, "--dry-run"));
        act(dry, true);
        assertTrue(dry.get("auditId").isNull(), "a dry run writes no audit row: " + dry);
        JsonNode applied = json(0, concat(forceRelease, "--yes"));
        act(applied, false);
        assertTrue(applied.get("auditId").isIntegralNumber(), applied.toString());
        assertEquals(2, applied.get("matched").asInt(), applied.toString());
        assertEquals(1, applied.get("applied").asInt(), "worker-6 holds a fresh lease: " + applied);
        assertEquals("7", applied.get("skipped").get(0).get("id").asText());
        JsonNode refused = json(3, "act", "force-release", "--profile", "shithub", "--task", "7", "--yes",
                "--reason", "contract");
        act(refused, false);
        assertEquals(0, refused.get("applied").asInt(), refused.toString());
    }

    private static void act(JsonNode document, boolean dryRun) {
        assertEquals("force-release", document.get("action").asText());
        assertEquals("shithub", document.get("profile").asText());
        assertEquals(dryRun, document.get("dryRun").asBoolean());
        assertTrue(document.get("dryRun").isBoolean(), document.toString());
        count(document, "matched");
        count(document, "applied");
        present(document, "auditId");
        for (JsonNode skipped : document.get("skipped")) {
            text(skipped, "id");
            text(skipped, "reason");
        }
    }

    @Test
    void theContractsSelectorsAndFlagsAreAccepted() {
        JsonNode selected = json(0, "act", "force-release", "--profile", "shithub", "--kind", "repo.push",
                "--state", "RUNNING", "--stuck", "--dry-run", "--reason", "contract");
        act(selected, true);
        assertTrue(json(0, "audit", "--since", "1h").isObject());
        assertTrue(json(0, "stuck").get("profiles").isArray(), "--profile is optional");
    }

    @Test
    void auditActionsAndCheckAreOneDocumentEach() {
        assertTrue(json(0, "audit").isObject());
        ActionFixture.Run actions = ActionFixture.offline("actions", "--profile", "shithub", "--json");
        assertEquals(0, actions.exitCode(), actions.err());
        assertFalse(actions.json().isEmpty());
        JsonNode check = json(1, "check");
        assertEquals(1, check.get("exitCode").asInt(), "with no threshold, any stuck task is a warning: " + check);
        text(check, "status");
    }

    @Test
    void exitCodes() {
        assertEquals(2, f.cli("status", "--no-such-flag").exitCode(), "bad usage");
        assertEquals(2, f.cli("status", "--profile", "no-such-profile").exitCode(), "bad input");
        ActionFixture.Run down = ActionFixture.offline("status", "--url", "postgresql://postgres@127.0.0.1:1/none",
                "--json");
        assertEquals(1, down.exitCode(), "database unreachable: " + down.err());
        assertEquals("", down.out(), "nothing but a JSON document on stdout, and no document on failure");
    }

    private static String[] concat(String[] args, String more) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = more;
        return all;
    }
}
