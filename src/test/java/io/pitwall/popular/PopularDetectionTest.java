package io.pitwall.popular;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * River, Oban and Procrastinate beside every other demo schema in one database: each popular profile is found once,
 * on its own table, and none of them takes another system's table (nor does another profile take theirs).
 */
class PopularDetectionTest {

    @Test
    void everySchemaInOneDatabaseIsFoundByItsOwnProfileOnly() {
        ActionFixture f = new ActionFixture("river");
        for (String other : List.of("oban", "procrastinate", "cloudgov-broker", "dsa110-absurd", "shithub", "absurd",
                "broadleaf", "permanent", "shithub-0018", "solid-queue")) {
            f.db.execute(ActionFixtureResources.demo(other));
        }
        JsonNode detect = f.cli("detect").json();
        List<String> found = new ArrayList<>();
        detect.get("profiles").forEach(p -> found.add(p.get("profile").asText() + "@" + p.get("where").asText()));
        assertEquals(List.of("river@river.river_job"), found.stream().filter(s -> s.startsWith("river")).toList());
        assertEquals(List.of("oban@oban.oban_jobs"), found.stream().filter(s -> s.startsWith("oban")).toList());
        assertEquals(List.of("procrastinate@public.procrastinate_jobs"),
                found.stream().filter(s -> s.startsWith("procrastinate")).toList());
        assertEquals(List.of(), found.stream().filter(s -> s.contains("river_job") || s.contains("oban_jobs")
                || s.contains("procrastinate_jobs")).filter(s -> !s.startsWith("river@") && !s.startsWith("oban@")
                && !s.startsWith("procrastinate@")).toList(), "no other profile reads their tables");
        assertEquals(0, detect.get("problems").size(), detect.get("problems").toString());
        assertEquals(0, detect.get("broken").size(), detect.get("broken").toString());
    }

    /** The demo schema files, as ActionFixture reads them. */
    static final class ActionFixtureResources {
        static String demo(String id) {
            try (var in = PopularDetectionTest.class.getResourceAsStream("/io/pitwall/demo/" + id + ".sql")) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
