package io.pitwall.cli;

import io.pitwall.monitor.health.HealthFixture;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pitwall metrics as a command: the URL on stdout's first line, loopback by default, scraped, then stopped. */
class MetricsCommandTest {

    @Test
    void servesUntilStoppedAndPrintsItsUrlFirst() throws Exception {
        TestDatabase db = HealthFixture.create();
        StringWriter out = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread command = new Thread(() -> exit.set(PitwallCommand.run(demo -> 0, new PrintWriter(out),
                new PrintWriter(new StringWriter()), "metrics", "--listen", ":0", "--url", db.url(), "--url", db.url())));
        command.start();
        Instant deadline = Instant.now().plusSeconds(30);
        while (!out.toString().contains("\n") && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        String url = out.toString().lines().findFirst().orElseThrow(() -> new AssertionError("no URL printed"));
        assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/metrics"), url);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("pitwall_tasks{accuracy=\"exact\",connection=\"postgresql://postgres@localhost:"),
                response.body());
        assertTrue(response.body().contains("state=\"QUEUED\"} 5.0") || response.body().contains("state=\"QUEUED\"} 5"),
                response.body());
        command.interrupt();
        command.join(10_000);
        assertEquals(0, exit.get());
    }

    @Test
    void listenAddresses() {
        assertEquals(new MetricsCommand.Listen("127.0.0.1", 9187), MetricsCommand.Listen.parse("9187"));
        assertEquals(new MetricsCommand.Listen("127.0.0.1", 9187), MetricsCommand.Listen.parse(":9187"));
        assertEquals(new MetricsCommand.Listen("0.0.0.0", 80), MetricsCommand.Listen.parse("0.0.0.0:80"));
        assertEquals(new MetricsCommand.Listen("::1", 9187), MetricsCommand.Listen.parse("[::1]:9187"));
        CliRun bad = CliRun.of("metrics", "--listen", "here:there", "--url", "postgresql://x@localhost/db");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--listen"), bad.err());
        CliRun nothing = CliRun.of("metrics", "--connection", "nobody-saved-this");
        assertEquals(2, nothing.exitCode());
    }
}
