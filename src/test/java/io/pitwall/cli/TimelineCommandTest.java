package io.pitwall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.monitor.PipelineFixtures;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimelineCommandTest {

    private static TestDatabase db;

    @BeforeAll
    static void database() {
        db = TestDatabase.fresh();
        PipelineFixtures.cloudgov(db);
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PitwallCommand.run(demo -> 0, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void printsTheContractJson() throws Exception {
        Result result = run("timeline", "--url", db.url(), "--profile", "cloudgov-broker", "--pipeline", "si-1", "--json");
        assertEquals(0, result.code(), result.err());
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals("cloudgov-broker", json.get("profile").asText());
        assertEquals("si-1", json.get("pipeline").asText());
        assertEquals(4, json.get("spans").size());
        JsonNode provision = json.get("spans").get(1);
        assertEquals("1", provision.get("id").asText());
        assertEquals("Provision", provision.get("kind").asText());
        assertEquals("SUCCEEDED", provision.get("state").asText());
        assertEquals("2026-01-01T10:00:00Z", provision.get("start").asText());
        assertEquals("2026-01-01T10:05:00Z", provision.get("end").asText());
        JsonNode running = json.get("spans").get(3);
        assertEquals("RUNNING", running.get("state").asText());
        assertTrue(running.get("end").isNull(), "open while running");
    }

    @Test
    void aStuckTasksSpanCarriesTheVerdictStuckGivesIt() throws Exception {
        Result timeline = run("timeline", "--url", db.url(), "--profile", "cloudgov-broker", "--pipeline", "si-1", "--json");
        assertEquals(0, timeline.code(), timeline.err());
        Result stuck = run("stuck", "--url", db.url(), "--profile", "cloudgov-broker", "--json");
        assertEquals(0, stuck.code(), stuck.err());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode verdict = null;
        for (JsonNode item : mapper.readTree(stuck.out()).get("profiles").get(0).get("stuck")) {
            if (item.get("id").asText().equals("3")) {
                verdict = item;
            }
        }
        assertTrue(verdict != null, "operation 3 has been in progress since 12:01 with no update: " + stuck.out());
        java.util.Map<String, JsonNode> spans = new java.util.TreeMap<>();
        mapper.readTree(timeline.out()).get("spans").forEach(span -> spans.put(span.get("id").asText(), span.get("stuck")));
        assertEquals(1, spans.get("3").size(), spans.toString());
        assertEquals(verdict.get("rule"), spans.get("3").get(0).get("rule"));
        assertEquals(verdict.get("evidence"), spans.get("3").get(0).get("evidence"));
        assertEquals(verdict.get("thresholdSeconds"), spans.get("3").get(0).get("thresholdSeconds"));
        assertEquals(0, spans.get("1").size(), "a finished task is never stuck");
        assertEquals(0, spans.get("2").size());
        assertEquals(0, spans.get("4").size(), "cancelled: the broker will not pick it up, and no rule says stuck");

        Result text = run("timeline", "--url", db.url(), "--profile", "cloudgov-broker", "--pipeline", "si-1");
        String marked = "STUCK " + verdict.get("rule").asText();
        assertTrue(text.out().lines().anyMatch(l -> l.contains("Update") && l.contains(marked)), text.out());
    }

    @Test
    void absurdListsATasksRunsAndCheckpointsAsSpans() throws Exception {
        TestDatabase absurd = TestDatabase.fresh();
        PipelineFixtures.absurd(absurd);
        Result result = run("timeline", "--url", absurd.url(), "--profile", "absurd", "--pipeline",
                PipelineFixtures.ABSURD_TASK, "--json");
        assertEquals(0, result.code(), result.err());
        JsonNode spans = new ObjectMapper().readTree(result.out()).get("spans");
        assertEquals(5, spans.size());
        assertEquals("task", spans.get(0).get("source").asText());
        assertEquals("run", spans.get(1).get("source").asText());
        assertEquals("FAILED", spans.get(1).get("state").asText());
        assertEquals("2026-01-01T10:02:00Z", spans.get(1).get("end").asText());
        assertEquals(PipelineFixtures.ABSURD_TASK, spans.get(1).get("task").asText());
        assertEquals(2, java.util.stream.StreamSupport.stream(spans.spliterator(), false)
                .filter(s -> s.get("source").asText().equals("checkpoint")).count());
        Result notAUuid = run("timeline", "--url", absurd.url(), "--profile", "absurd", "--pipeline", "nope", "--json");
        assertEquals(ExitCodes.BAD_INPUT, notAUuid.code(), "a key that cannot be a task id names no pipeline");
    }

    @Test
    void textListsEverySpan() {
        Result result = run("timeline", "--url", db.url(), "--profile", "cloudgov-broker", "--pipeline", "si-1");
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("Provision") && result.out().contains("RUNNING"), result.out());
    }

    @Test
    void unknownPipelineOrProfileIsBadInput() {
        Result missing = run("timeline", "--url", db.url(), "--profile", "cloudgov-broker", "--pipeline", "nope", "--json");
        assertEquals(ExitCodes.BAD_INPUT, missing.code());
        assertEquals("", missing.out().strip());
        assertTrue(missing.err().contains("nope"), missing.err());
        assertEquals(ExitCodes.BAD_INPUT, run("timeline", "--url", db.url(), "--profile", "nosuch", "--pipeline", "x").code());
        assertEquals(ExitCodes.BAD_INPUT, run("timeline", "--url", db.url(), "--profile", "shithub", "--pipeline", "x").code());
        assertEquals(2, run("timeline", "--url", db.url(), "--profile", "cloudgov-broker").code());
    }
}
