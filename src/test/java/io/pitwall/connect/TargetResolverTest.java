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
        assertEquals(Map.of("sslmode", "require", "application_name", "pw"), target.params());
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

    // Issue 9 item 10: a percent-encoded host was spliced into the JDBC URL, and its options replaced the
    // monitor's read-only setting and timeout.
    @Test
    void aHostHoldingUrlSyntaxIsRefusedAfterDecoding() {
        for (String url : new String[]{
                "postgresql://postgres@127.0.0.1%2Fq%3Foptions%3D-c%20default_transaction_read_only%3Doff:5432/db",
                "postgresql://postgres@127.0.0.1%3Foptions%3D-c%20statement_timeout%3D0/db",
                "postgresql://postgres@h%26options%3Dx/db",
                "postgresql:///db?host=127.0.0.1/x%3Foptions%3D-cfoo",
                "host=127.0.0.1/x?options=-cfoo dbname=db"}) {
            BadTargetException refused = assertThrows(BadTargetException.class, () -> resolver(Map.of()).resolve(url), url);
            assertTrue(refused.getMessage().startsWith("bad host"), refused.getMessage());
            assertTrue(refused.getMessage().matches(".*cannot contain '[/?&=]'.*"), refused.getMessage());
        }
        BadTargetException fromEnv = assertThrows(BadTargetException.class,
                () -> resolver(Map.of("PGHOST", "db/x?options=-cfoo")).resolve(""));
        assertTrue(fromEnv.getMessage().contains("'/'"), fromEnv.getMessage());
    }

    @Test
    void theDriverGetsEachValueAsItsOwnPropertyEncoded() throws Exception {
        ConnectionTarget target = resolver(Map.of())
                .resolve("postgresql://u@db.internal:6432/q%3Foptions%3D-c%20x%26ssl%3Dfalse?sslmode=require&options=-cfoo");
        assertEquals("q?options=-c x&ssl=false", target.database());
        String url = DriverSource.dataSource(target, "monitor", "-c statement_timeout=5000").getUrl();
        assertTrue(url.startsWith("jdbc:postgresql://db.internal:6432/q%3Foptions%3D-c+x%26ssl%3Dfalse?"), url);
        assertTrue(url.contains("options=-c+statement_timeout%3D5000"), "our options, not the user's: " + url);
        assertTrue(!url.contains("cfoo"), "the libpq 'options' parameter from the URL is not passed on: " + url);
        assertTrue(url.contains("sslmode=require"), url);
        ConnectionTarget forged = new ConnectionTarget("h/x?options=-cfoo", 5432, "db", "u", null, Map.of());
        assertThrows(IllegalArgumentException.class, () -> new DatabasePools(forged),
                "a target built elsewhere (a saved connection) is checked again before any pool exists");
    }

    // Issue 9 item 16: a password holding an unencoded '/' shifted the URL's pieces: "bad port 'S3cr3t'".
    @Test
    void noMessageRepeatsAnyPartOfThePassword() {
        String[] urls = {
                "postgresql://admin:S3cr3t/@db:5432/x",
                "postgresql://admin:S3cr3t/more@db:5432/x",
                "postgresql://admin:S3/cr3t@db/x",
                "postgresql://admin:S3cr3t?x@db/x",
                "postgresql://admin:S3c=r3t/x@db/x",
                "postgresql://admin:S3cr3t#@db/x",
                "postgresql://admin:S3cr3t@db:S3cr3t/x",
                "postgresql://admin:S3cr3t@db,other/x",
                "postgresql://admin:S3cr3t@[db/x",
                "postgresql://db/x?password=S3cr3t&port=S3cr3t",
                "host=db password=S3c r3t",
                "host=db password='S3cr3t",
                "host=db password=S3cr3t port=S3cr3t",
        };
        for (String url : urls) {
            BadTargetException refused = assertThrows(BadTargetException.class, () -> resolver(Map.of()).resolve(url), url);
            for (String piece : new String[]{"S3c", "3cr", "cr3", "r3t", "S3", "r3"}) {
                assertTrue(!refused.getMessage().contains(piece), url + " -> " + refused.getMessage());
            }
        }
        BadTargetException encodeIt = assertThrows(BadTargetException.class,
                () -> resolver(Map.of()).resolve("postgresql://admin:S3cr3t/@db:5432/x"));
        assertTrue(encodeIt.getMessage().contains("percent-encode"), encodeIt.getMessage());
    }

    @Test
    void conninfoTakesLibpqQuotingAndEscapes() throws Exception {
        ConnectionTarget target = resolver(Map.of()).resolve(
                "host = db.internal  dbname='my queue db' user=o\\ps password='it\\'s a \\\\ secret' "
                        + "application_name=''");
        assertEquals("db.internal", target.host());
        assertEquals("my queue db", target.database());
        assertEquals("ops", target.user(), "outside quotes a backslash escapes the next character");
        assertEquals("it's a \\ secret", target.password());
        BadTargetException open = assertThrows(BadTargetException.class,
                () -> resolver(Map.of()).resolve("host=db dbname='never closed"));
        assertTrue(open.getMessage().contains("dbname") && open.getMessage().contains("not closed"), open.getMessage());
        BadTargetException noEquals = assertThrows(BadTargetException.class,
                () -> resolver(Map.of()).resolve("host=db dbname"));
        assertTrue(noEquals.getMessage().contains("missing '='"), noEquals.getMessage());
    }
}
