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
