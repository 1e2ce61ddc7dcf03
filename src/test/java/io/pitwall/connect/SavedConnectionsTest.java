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

    // Issue 14 item 2: recent connections were all "postgres on localhost" and overwrote one another.
    @Test
    void recentConnectionsAreKeyedByTheFullTargetAndKeepTheirNames() throws Exception {
        SavedConnections saved = new SavedConnections(dir.resolve("connections.json"));
        TargetResolver resolver = new TargetResolver(Map.of(), dir, "me");
        ConnectionTarget a = resolver.resolve("postgresql://postgres@localhost:5432/postgres");
        ConnectionTarget b = resolver.resolve("postgresql://postgres@localhost:5433/postgres");
        ConnectionTarget c = resolver.resolve("postgresql://ops@localhost:5432/postgres");
        saved.remember(new ConnectionIdentity("orders-prod", "production", "#aa0000", true, "ops_writer"), a);
        saved.remember(ConnectionIdentity.of(b), b);
        saved.remember(ConnectionIdentity.of(c), c);
        assertEquals(3, saved.list().size(), "three targets on one host are three entries: " + saved.list());
        assertEquals("postgres on localhost:5433", saved.list().get(1).name());

        saved.remember(ConnectionIdentity.of(a), a);
        SavedConnections.Saved again = saved.list().getFirst();
        assertEquals(3, saved.list().size());
        assertEquals("orders-prod", again.name(), "reconnecting without a name keeps the name given before");
        assertEquals("production", again.environment());
        assertEquals("#aa0000", again.colour());
        assertEquals(true, again.readOnly());
        assertEquals("ops_writer", again.actionUser());
    }

    // Issue 14 item 5: the same database through two bastions (or directly) is three connections.
    @Test
    void theBastionIsSavedAndIsPartOfTheKey() throws Exception {
        SavedConnections saved = new SavedConnections(dir.resolve("connections.json"));
        ConnectionTarget direct = new TargetResolver(Map.of(), dir, "me").resolve("postgresql://ops@db1:5432/queues");
        ConnectionTarget viaEu = direct.withBastion(SshBastion.parse("ops@bastion-eu:2222"));
        ConnectionTarget viaUs = direct.withBastion(SshBastion.parse("bastion-us"));
        saved.remember(new ConnectionIdentity("direct", null, null, false, null), direct);
        saved.remember(new ConnectionIdentity("eu", null, null, false, null), viaEu);
        saved.remember(new ConnectionIdentity("us", null, null, false, null), viaUs);
        assertEquals(3, saved.list().size(), saved.list().toString());
        SavedConnections.Saved eu = saved.named("eu").orElseThrow();
        assertEquals("ops@bastion-eu:2222", eu.ssh());
        assertEquals(new SshBastion("ops", "bastion-eu", 2222), eu.bastion());
        assertEquals(null, saved.named("direct").orElseThrow().bastion());
        saved.remember(ConnectionIdentity.of(viaEu), viaEu);
        assertEquals(3, saved.list().size());
        assertEquals("eu", saved.list().getFirst().name(), "reconnecting through the same bastion keeps its name");
    }

    @Test
    void aBastionIsUserHostAndPortOrAConfigHostAndNothingElse() throws Exception {
        assertEquals(new SshBastion("ops", "bastion.example.com", 22), SshBastion.parse("ops@bastion.example.com:22"));
        assertEquals(new SshBastion(null, "jump", 0), SshBastion.parse("jump"));
        assertEquals(new SshBastion("ops", "::1", 2222), SshBastion.parse("ssh://ops@[::1]:2222"));
        assertEquals("ops@[::1]:2222", SshBastion.parse("ops@[::1]:2222").spec());
        assertEquals(null, SshBastion.parse("  "));
        for (String bad : new String[]{"ops@bastion:22/x", "-oProxyCommand=sh", "ops@", "a b", "ops@bastion:99999",
            "ops@bastion:22?x=1", "ops@@bastion", "bastion\nHost *"}) {
            org.junit.jupiter.api.Assertions.assertThrows(BadTargetException.class, () -> SshBastion.parse(bad), bad);
        }
    }

    @Test
    void anOldFileWithOnlyNamesAndUrisStillLoads() throws Exception {
        Files.writeString(dir.resolve("connections.json"), "[{\"name\": \"q\", \"uri\": \"postgresql://u@h:5432/q\", \"later\": 1}]");
        SavedConnections.Saved old = new SavedConnections(dir.resolve("connections.json")).list().getFirst();
        assertEquals("q", old.identity().name());
        assertEquals("", old.identity().environment());
        assertFalse(old.readOnly());
    }
}
