package io.pitwall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.SavedConnections;
import io.pitwall.connect.TargetResolver;
import io.pitwall.monitor.health.HealthFixture;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pitwall fleet}: the overview's twin, over the saved connections, with one of them down. */
class FleetCommandTest {

    private static TestDatabase troubled;
    private static int refusedPort;

    @TempDir
    Path config;

    @BeforeAll
    static void fixture() throws Exception {
        troubled = HealthFixture.create();
        try (ServerSocket probe = new ServerSocket(0)) {
            refusedPort = probe.getLocalPort();
        }
    }

    @AfterEach
    void forgetConfig() {
        System.clearProperty("pitwall.config.dir");
    }

    private void save() throws Exception {
        System.setProperty("pitwall.config.dir", config.toString());
        SavedConnections saved = new SavedConnections(config.resolve("connections.json"));
        saved.remember(new ConnectionIdentity("orders-prod", "production", null, false, null),
                TargetResolver.fromSystem().resolve(troubled.url()));
        saved.remember(new ConnectionIdentity("old-reports", "staging", null, false, null),
                TargetResolver.fromSystem().resolve("postgresql://postgres@127.0.0.1:" + refusedPort + "/reports"));
        Files.writeString(config.resolve("checks.json"), "{\"*\": {\"stuck\": [\"1,2\"]}}");
    }

    @Test
    void everySavedConnectionWorstFirstAndExitOneWhenOneIsDown() throws Exception {
        save();
        CliRun run = CliRun.of("fleet", "--json");
        assertEquals(1, run.exitCode(), "one connection could not be read: " + run.out() + run.err());
        JsonNode connections = run.json().get("connections");
        assertEquals(2, connections.size());
        JsonNode down = connections.get(0);
        assertEquals("old-reports", down.get("connection").asText());
        assertEquals("UNREACHABLE", down.get("health").asText());
        assertEquals("UNKNOWN", down.get("severity").asText());
        assertTrue(down.get("problem").asText().toLowerCase().contains("refused"), down.toString());
        JsonNode orders = connections.get(1);
        assertEquals("orders-prod", orders.get("connection").asText());
        assertEquals("production", orders.get("environment").asText());
        assertEquals("OK", orders.get("health").asText());
        assertEquals("CRITICAL", orders.get("severity").asText(), "checks.json '*': stuck 1,2");
        assertEquals(HealthFixture.STUCK, orders.get("stuck").asInt());
        assertEquals(10, orders.get("failed").asInt());
        assertEquals(HealthFixture.QUEUED, orders.get("queued").asInt());
        assertTrue(orders.get("oldestQueuedSeconds").asLong() >= 29 * 60, orders.toString());
        assertEquals("shithub", orders.get("queues").get(0).get("profile").asText());
    }

    @Test
    void onlyTheNamedConnectionsAndTextLines() throws Exception {
        save();
        CliRun run = CliRun.of("fleet", "--connection", "orders-prod");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        List<String> lines = new ArrayList<>(run.out().lines().toList());
        assertEquals(1, lines.size(), run.out());
        assertTrue(lines.getFirst().startsWith("OK          CRITICAL orders-prod (production)"), lines.getFirst());
        assertTrue(lines.getFirst().contains("2 stuck"), lines.getFirst());
    }

    @Test
    void anUnknownNameIsBadInput() throws Exception {
        save();
        CliRun run = CliRun.of("fleet", "--connection", "nobody-saved-this");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("no saved connection named 'nobody-saved-this'"), run.err());
    }
}
