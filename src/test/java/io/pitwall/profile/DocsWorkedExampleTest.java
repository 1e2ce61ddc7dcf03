package io.pitwall.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.cli.PitwallCommand;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The worked example in docs/profiles.md works as written: its SQL creates a queue Pitwall has no built-in
 * profile for, and its JSON, dropped into the user profile directory, is detected and counted.
 */
class DocsWorkedExampleTest {

    @TempDir
    Path config;

    private static String block(String markdown, String language) {
        Matcher matcher = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL)
                .matcher(markdown.substring(markdown.indexOf("## Worked example")));
        assertTrue(matcher.find(), "docs/profiles.md has a " + language + " block in its worked example");
        return matcher.group(1);
    }

    private static JsonNode run(String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PitwallCommand.run(demo -> 0, new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(0, code, err.toString());
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void theObanExampleIsDetectedAndCountedFromTheUserProfileDirectory() throws IOException {
        String docs = Files.readString(Path.of("docs", "profiles.md"));
        TestDatabase db = BuiltInProfilesTest.database(block(docs, "sql"), """
                INSERT INTO oban_jobs (state, worker, attempt, errors, attempted_by, attempted_at, queue) VALUES
                  ('available', 'MyApp.Mailer', 0, ARRAY[]::jsonb[], NULL, NULL, 'mailers'),
                  ('scheduled', 'MyApp.Mailer', 0, ARRAY[]::jsonb[], NULL, NULL, 'mailers'),
                  ('available', 'MyApp.Thumbnailer', 0, ARRAY[]::jsonb[], NULL, NULL, 'media'),
                  ('available', 'MyApp.Mailer', 0, ARRAY[]::jsonb[], NULL, NULL, 'media');
                INSERT INTO oban_jobs (state, worker, attempt, errors, attempted_by, attempted_at) VALUES
                  ('retryable', 'MyApp.Mailer', 1, ARRAY['{"attempt": 1, "error": "timeout"}'::jsonb], NULL, NULL),
                  ('executing', 'MyApp.Thumbnailer', 1, ARRAY[]::jsonb[], ARRAY['web-1', 'a1b2'], now()),
                  ('completed', 'MyApp.Thumbnailer', 1, ARRAY[]::jsonb[], ARRAY['web-1', 'a1b2'], now()),
                  ('discarded', 'MyApp.Thumbnailer', 20, ARRAY['{"attempt": 20, "error": "enoent"}'::jsonb], NULL, NULL),
                  ('cancelled', 'MyApp.Mailer', 0, ARRAY[]::jsonb[], NULL, NULL);
                """);
        Path profiles = Files.createDirectories(config.resolve("profiles"));
        Files.writeString(profiles.resolve("my-oban.json"), block(docs, "json"));

        String before = System.getProperty("pitwall.config.dir");
        System.setProperty("pitwall.config.dir", config.toString());
        try {
            JsonNode detect = run("detect", "--url", db.url(), "--json");
            assertEquals(0, detect.get("profileErrors").size(), detect.get("profileErrors").toString());
            // The built-in oban profile reads the same table; the example is a profile of one's own beside it.
            JsonNode mine = null;
            for (JsonNode found : detect.get("profiles")) {
                if (found.get("profile").asText().equals("my-oban")) {
                    mine = found;
                }
            }
            assertTrue(mine != null, detect.toString());
            assertEquals("public.oban_jobs", mine.get("where").asText());

            JsonNode oban = run("status", "--url", db.url(), "--profile", "my-oban", "--json").get("profiles").get(0);
            JsonNode counts = oban.get("counts");
            assertEquals(3, counts.get("QUEUED").asLong());
            assertEquals(2, counts.get("SCHEDULED").asLong());
            assertEquals(1, counts.get("RUNNING").asLong());
            assertEquals(1, counts.get("SUCCEEDED").asLong());
            assertEquals(1, counts.get("FAILED").asLong());
            assertEquals(1, counts.get("CANCELLED").asLong());
            assertEquals(2, oban.get("kinds").size());
            // One table, three queues: counts per queue, and per kind within each queue.
            JsonNode queues = oban.get("queues");
            assertTrue(queues != null, oban.toString());
            assertEquals(3, queues.size(), queues.toString());
            assertEquals("default", queues.get(0).get("queue").asText());
            assertEquals("media", queues.get(2).get("queue").asText());
            assertEquals(2, queues.get(2).at("/counts/QUEUED").asLong());
            assertEquals(2, queues.get(2).get("kinds").size());
            assertEquals(1, queues.get(2).get("kinds").get(0).at("/counts/QUEUED").asLong());
            assertEquals(1, queues.get(1).at("/counts/QUEUED").asLong());
            assertEquals(1, queues.get(1).at("/counts/SCHEDULED").asLong());
        } finally {
            if (before == null) {
                System.clearProperty("pitwall.config.dir");
            } else {
                System.setProperty("pitwall.config.dir", before);
            }
        }
        // Every task expression in the example is valid SQL on the example's table.
        Profile profile = new ProfileLoader().load(profiles).find("my-oban").orElseThrow();
        var tasks = profile.tasks().bind("public", "oban_jobs", null);
        String select = "SELECT " + String.join(", ", java.util.stream.Stream.of(tasks.id(), tasks.kind(), tasks.state(),
                tasks.owner(), tasks.claimedAt(), tasks.attempts(), tasks.maxAttempts(), tasks.error(), tasks.payload(),
                tasks.createdAt(), tasks.updatedAt(), tasks.finishedAt(), tasks.scheduledAt(), tasks.pipelineKey(), tasks.queue())
                .map(io.pitwall.sql.TaskColumns::expr).toList()) + " FROM public.oban_jobs t";
        db.execute(select);
    }
}
