package io.pitwall.connect;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pitwall.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Issue 9 item 16: no message, log line or exception contains the password, also when connecting fails. */
class PasswordNeverShownTest {

    private static final String PASSWORD = "S3cr3tPw";

    @Test
    void aFailedConnectNamesNeitherThePasswordInItsExceptionsNorInTheLog() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        // Hikari's own logger is the one that sees connection attempts and the pool's configuration.
        Logger root = (Logger) LoggerFactory.getLogger("com.zaxxer.hikari");
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        root.setLevel(Level.DEBUG);
        try {
            ConnectionTarget target = TargetResolver.fromSystem()
                    .resolve("postgresql://ops:" + PASSWORD + "@127.0.0.1:" + closedPort + "/queues");
            assertFalse(target.toString().contains(PASSWORD));
            try (DatabasePools pools = new DatabasePools(target)) {
                SQLException failed = assertThrows(SQLException.class, () -> {
                    try (Connection ignored = pools.monitor().getConnection()) {
                        // never reached: nothing listens there
                    }
                });
                for (Throwable t = failed; t != null; t = t.getCause()) {
                    assertFalse(String.valueOf(t).contains(PASSWORD), t.toString());
                }
            }
            CliRun cli = CliRun.of("status", "--url", "postgresql://ops:" + PASSWORD + "@127.0.0.1:" + closedPort + "/q");
            assertEquals(1, cli.exitCode(), cli.err());
            assertFalse(cli.err().contains(PASSWORD) || cli.out().contains(PASSWORD), cli.err());
        } finally {
            root.detachAppender(log);
            root.setLevel(before);
        }
        assertFalse(log.list.isEmpty(), "the pools logged something, so the check below looked at real lines");
        for (ILoggingEvent event : log.list) {
            assertFalse(event.getFormattedMessage().contains(PASSWORD), event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                assertFalse(event.getThrowableProxy().getMessage() != null
                        && event.getThrowableProxy().getMessage().contains(PASSWORD));
            }
        }
    }

    @Test
    void theSavedConnectionsFileNeverHoldsIt() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("connections", ".json");
        new SavedConnections(file).remember("prod", new ConnectionTarget("db", 5432, "q", "ops", PASSWORD, Map.of()));
        assertFalse(java.nio.file.Files.readString(file).contains(PASSWORD));
    }
}
