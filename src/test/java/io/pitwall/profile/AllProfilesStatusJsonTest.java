package io.pitwall.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.cli.PitwallCommand;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** `detect --json` and `status --json` on one database holding all seven built-in schemas, as DESIGN.md specifies. */
class AllProfilesStatusJsonTest {

    private static final String REAL_ABSURD_BESIDE_DSA110 = Fixtures.absurdQueue("default") + """
            INSERT INTO absurd.queues (queue_name) VALUES ('default');
            INSERT INTO absurd."t_default" (task_id, task_name, params, state) VALUES
              ('00000000-0000-7000-8000-000000000001', 'send-email', '{}', 'pending'),
              ('00000000-0000-7000-8000-000000000002', 'send-email', '{}', 'failed');
            """;

    private static JsonNode run(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PitwallCommand.run(demo -> 0, new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(0, code, err.toString());
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void allSevenProfilesAreDetectedAndCounted() throws Exception {
        TestDatabase db = BuiltInProfilesTest.database(Fixtures.CLOUDGOV, Fixtures.DSA110, REAL_ABSURD_BESIDE_DSA110,
                Fixtures.BROADLEAF, Fixtures.permanent("perm"), Fixtures.shithubRunbook("shithub"),
                Fixtures.shithub0018("shithub0018"));

        JsonNode detect = run("detect", "--url", db.url(), "--json");
        List<String> detected = new ArrayList<>();
        detect.get("profiles").forEach(p -> detected.add(p.get("profile").asText() + "@" + p.get("where").asText()));
        assertEquals(List.of("cloudgov-broker@public.operation", "dsa110-absurd@absurd.t_tasks", "shithub@shithub.jobs",
                "absurd@absurd.t_default", "broadleaf@public.blc_sndbx_wrkflw_deploy", "permanent@perm.record",
                "shithub-0018@shithub0018.jobs"), detected);
        assertEquals(0, detect.get("problems").size(), detect.get("problems").toString());

        JsonNode status = run("status", "--url", db.url(), "--json");
        List<String> totals = new ArrayList<>();
        for (JsonNode profile : status.get("profiles")) {
            JsonNode counts = profile.get("counts");
            StringBuilder line = new StringBuilder(profile.get("profile").asText());
            counts.fields().forEachRemaining(e -> {
                if (e.getValue().asLong() > 0) {
                    line.append(' ').append(e.getKey()).append('=').append(e.getValue().asLong());
                }
            });
            assertEquals(false, profile.get("estimated").asBoolean());
            assertEquals(true, profile.get("kinds").isArray());
            totals.add(line.toString());
        }
        assertEquals(List.of(
                "cloudgov-broker RUNNING=2 SUCCEEDED=2 FAILED=1 CANCELLED=1",
                "dsa110-absurd QUEUED=2 RUNNING=2 SUCCEEDED=1 FAILED=1 CANCELLED=1",
                "shithub QUEUED=2 RUNNING=2 PAUSED=1 SUCCEEDED=1 FAILED=1",
                "absurd QUEUED=1 FAILED=1",
                "broadleaf QUEUED=2 RUNNING=1 SUCCEEDED=2 FAILED=1",
                "permanent QUEUED=3 RUNNING=3 PAUSED=1 SUCCEEDED=3 FAILED=1 CANCELLED=1",
                "shithub-0018 QUEUED=2 SCHEDULED=1 RUNNING=2 SUCCEEDED=2 FAILED=1"), totals);
    }
}
