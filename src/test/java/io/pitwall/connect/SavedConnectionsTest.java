package io.pitwall.connect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SavedConnectionsTest {

    @TempDir
    Path dir;

    @Test
    void passwordsAreNeverWritten() throws Exception {
        SavedConnections saved = new SavedConnections(dir.resolve("connections.json"));
        ConnectionTarget target = new TargetResolver(Map.of(), dir, "me")
                .resolve("postgresql://ops:hunter2@db1:5432/queues?sslmode=require");
        saved.remember("queues", target);
        saved.remember("queues again", target);
        String file = Files.readString(dir.resolve("connections.json"));
        assertFalse(file.contains("hunter2"), file);
        assertEquals(1, saved.list().size(), "the same database is remembered once, most recent name");
        assertEquals("postgresql://ops@db1:5432/queues?sslmode=require", saved.list().getFirst().uri());
    }
}
