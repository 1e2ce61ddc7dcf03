package io.pitwall.cli;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `pitwall demo-db` as scripts use it: a separate process, the URL on stdout's first line, SIGTERM to stop. */
class DemoDbProcessTest {

    @Test
    void printsItsUrlFirstAndStopsOnSigterm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.pitwall.Main", "demo-db", "--no-workers")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String url;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                url = out.readLine();
                assertTrue(url != null && url.matches("postgresql://postgres@localhost:\\d+/postgres"), "first line: " + url);

                CliRun status = CliRun.of("status", "--url", url, "--json");
                assertEquals(0, status.exitCode(), status.err());
                assertTrue(status.json().get("profiles").size() >= 3, status.out());

            }
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "demo-db stops on SIGTERM");
            CliRun after = CliRun.of("status", "--url", url, "--json");
            assertEquals(1, after.exitCode(), "the database is gone after SIGTERM");
        } finally {
            process.destroyForcibly();
        }
    }
}
