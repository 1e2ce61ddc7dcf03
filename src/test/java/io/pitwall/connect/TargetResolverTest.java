package io.pitwall.connect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetResolverTest {

    @TempDir
    Path home;

    private TargetResolver resolver(Map<String, String> env) {
        return new TargetResolver(env, home, "oncall");
    }

    @Test
    void libpqUriWithEverything() throws Exception {
        ConnectionTarget target = resolver(Map.of())
                .resolve("postgresql://ops%40corp:s3cr%3At@db.internal:6432/queues?sslmode=require&application_name=pw");
        assertEquals("db.internal", target.host());
        assertEquals(6432, target.port());
        assertEquals("queues", target.database());
        assertEquals("ops@corp", target.user());
        assertEquals("s3cr:t", target.password());
        assertEquals("jdbc:postgresql://db.internal:6432/queues?ApplicationName=pw&sslmode=require", target.jdbcUrl());
        assertTrue(!target.displayUri().contains("s3cr"), "the display form never shows the password");
    }

    @Test
    void defaultsFollowPsqlWhenNothingIsGiven() throws Exception {
        ConnectionTarget target = resolver(Map.of()).resolve(null);
        assertEquals("localhost", target.host());
        assertEquals(5432, target.port());
        assertEquals("oncall", target.user());
        assertEquals("oncall", target.database(), "psql's database defaults to the user name");
        assertNull(target.password());
    }

    @Test
    void environmentFillsGapsButTheUrlWins() throws Exception {
        Map<String, String> env = Map.of("PGHOST", "envhost", "PGPORT", "5433", "PGUSER", "envuser",
                "PGDATABASE", "envdb", "PGPASSWORD", "envpw");
        ConnectionTarget fromEnv = resolver(env).resolve("");
        assertEquals("envhost", fromEnv.host());
        assertEquals(5433, fromEnv.port());
        assertEquals("envdb", fromEnv.database());
        assertEquals("envpw", fromEnv.password());
        ConnectionTarget overridden = resolver(env).resolve("postgresql://urlhost/urldb");
        assertEquals("urlhost", overridden.host());
        assertEquals("urldb", overridden.database());
        assertEquals("envuser", overridden.user());
        assertEquals(5433, overridden.port());
    }

    @Test
    void passwordComesFromPgpassWithWildcardsAndEscapes() throws Exception {
        Files.writeString(home.resolve(".pgpass"), """
                # comment
                otherhost:5432:*:ops:wrong
                db.internal:*:queues:ops:pa\\:ss
                *:*:*:*:fallback
                """);
        assertEquals("pa:ss", resolver(Map.of()).resolve("postgresql://ops@db.internal/queues").password());
        assertEquals("fallback", resolver(Map.of()).resolve("postgresql://x@elsewhere/db").password());
    }

    @Test
    void serviceFileSectionIsUsed() throws IOException, BadTargetException {
        Path services = home.resolve("services.conf");
        Files.writeString(services, """
                [staging]
                host=stage.db
                port=5544
                dbname=jobs
                user=reader
                [prod]
                host=prod.db
                """);
        ConnectionTarget target = resolver(Map.of("PGSERVICEFILE", services.toString())).resolve("service=staging");
        assertEquals("stage.db", target.host());
        assertEquals(5544, target.port());
        assertEquals("jobs", target.database());
        assertEquals("reader", target.user());
        BadTargetException missing = assertThrows(BadTargetException.class,
                () -> resolver(Map.of("PGSERVICEFILE", services.toString())).resolve("service=nope"));
        assertTrue(missing.getMessage().contains("\"nope\""));
    }

    @Test
    void jdbcUrlsAndConninfoAreAccepted() throws Exception {
        ConnectionTarget jdbc = resolver(Map.of()).resolve("jdbc:postgresql://h:5499/d?user=u&password=p");
        assertEquals("h", jdbc.host());
        assertEquals(5499, jdbc.port());
        assertEquals("u", jdbc.user());
        assertEquals("p", jdbc.password());
        ConnectionTarget conninfo = resolver(Map.of()).resolve("host=h2 port=5000 dbname='q' user=w");
        assertEquals("h2", conninfo.host());
        assertEquals("q", conninfo.database());
        assertEquals(5000, conninfo.port());
    }

    @Test
    void badInputIsRefusedWithAReason() {
        BadTargetException notUrl = assertThrows(BadTargetException.class, () -> resolver(Map.of()).resolve("mysql://x/y"));
        assertTrue(notUrl.getMessage().contains("postgresql://"));
        BadTargetException badPort = assertThrows(BadTargetException.class,
                () -> resolver(Map.of()).resolve("postgresql://h:99999/db"));
        assertTrue(badPort.getMessage().contains("99999"));
    }
}
