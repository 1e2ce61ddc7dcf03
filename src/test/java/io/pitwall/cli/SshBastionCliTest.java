package io.pitwall.cli;

import io.pitwall.monitor.SkeletonFixture;
import io.pitwall.testing.TestBastion;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
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

/**
 * The command line through an SSH bastion (issue 14 item 5): --ssh and friends, with the exit codes of DESIGN.md:
 * a refused host key is a guard's refusal (3), a bastion that is down or refuses the key a failure (1).
 */
class SshBastionCliTest {

    @TempDir
    static Path dir;

    private static TestDatabase db;
    private static TestBastion bastion;
    private static Path key;
    private static Path stranger;

    @BeforeAll
    static void start() throws Exception {
        db = SkeletonFixture.create();
        key = TestBastion.sshKeygen(dir, "id_ops", null);
        stranger = TestBastion.sshKeygen(dir, "id_stranger", null);
        bastion = TestBastion.start(Path.of(key + ".pub"));
        Files.writeString(dir.resolve("empty_config"), "");
    }

    @AfterAll
    static void stop() {
        bastion.close();
    }

    private static CliRun status(Path knownHosts, Path identity, String... more) {
        List<String> args = new ArrayList<>(List.of("status", "--url", db.url(), "--json", "--ssh", bastion.spec(),
                "--ssh-identity", identity.toString(), "--ssh-known-hosts", knownHosts.toString(),
                "--ssh-config", dir.resolve("empty_config").toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static Path knownHosts(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void statusIsReadThroughTheBastion() throws Exception {
        int before = bastion.forwards();
        CliRun run = status(knownHosts("known_ok", bastion.knownHostsLine() + "\n"), key);
        assertEquals(0, run.exitCode(), run.err());
        JsonCounts.assertShithubQueued(run.json(), 3);
        assertTrue(bastion.forwards() > before, "the database was reached through the bastion");
    }

    @Test
    void anUnknownHostKeyIsRefusedNamingItsFingerprintUntilThatFingerprintIsAccepted() throws Exception {
        Path file = knownHosts("known_empty", "");
        String fingerprint = bastion.fingerprintBySshKeygen(dir);
        CliRun refused = status(file, key);
        assertEquals(ExitCodes.REFUSED, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("is not known") && refused.err().contains(fingerprint)
                && refused.err().contains("--ssh-trust " + fingerprint) && refused.err().contains("ssh-keyscan -p " + bastion.port()),
                refused.err());
        assertEquals("", refused.out(), "nothing on stdout");
        assertEquals("", Files.readString(file), "not silently accepted");

        CliRun wrongFingerprint = status(file, key, "--ssh-trust", "SHA256:" + "B".repeat(43));
        assertEquals(ExitCodes.REFUSED, wrongFingerprint.exitCode(), wrongFingerprint.err());

        CliRun accepted = status(file, key, "--ssh-trust", fingerprint);
        assertEquals(0, accepted.exitCode(), accepted.err());
        JsonCounts.assertShithubQueued(accepted.json(), 3);
        assertTrue(Files.readString(file).contains("[127.0.0.1]:" + bastion.port()), Files.readString(file));
        CliRun again = status(file, key);
        assertEquals(0, again.exitCode(), "known now: " + again.err());
    }

    @Test
    void aChangedHostKeyIsRefusedWhateverIsAccepted() throws Exception {
        Path file = knownHosts("known_changed", bastion.knownHostsLineWithAnotherKey() + "\n");
        CliRun run = status(file, key, "--ssh-trust", bastion.fingerprintBySshKeygen(dir));
        assertEquals(ExitCodes.REFUSED, run.exitCode(), run.err());
        assertTrue(run.err().contains("has CHANGED") && run.err().contains("ssh-keygen -R"), run.err());
    }

    @Test
    void aRefusedKeyAndABastionThatIsDownAreFailuresWithTheReason() throws Exception {
        CliRun wrongKey = status(knownHosts("known_ok2", bastion.knownHostsLine() + "\n"), stranger);
        assertEquals(ExitCodes.FAILED, wrongKey.exitCode(), wrongKey.err());
        assertTrue(wrongKey.err().contains("refused the login") && wrongKey.err().contains("id_stranger"), wrongKey.err());

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        CliRun down = CliRun.of("status", "--url", db.url(), "--ssh", "ops@127.0.0.1:" + closed,
                "--ssh-identity", key.toString(), "--ssh-config", dir.resolve("empty_config").toString());
        assertEquals(ExitCodes.FAILED, down.exitCode(), down.err());
        assertTrue(down.err().contains("cannot reach the SSH bastion ops@127.0.0.1:" + closed), down.err());
    }

    @Test
    void aMalformedBastionIsBadInput() {
        CliRun run = CliRun.of("status", "--url", db.url(), "--ssh", "ops@bastion:22/x?y");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.err());
        assertTrue(run.err().contains("--ssh: bad SSH bastion"), run.err());
        CliRun trustAlone = CliRun.of("status", "--url", db.url(), "--ssh-trust", "SHA256:x");
        assertEquals(ExitCodes.BAD_INPUT, trustAlone.exitCode(), trustAlone.err());
    }

    /** The status document's shithub counts. */
    private static final class JsonCounts {
        static void assertShithubQueued(com.fasterxml.jackson.databind.JsonNode status, long queued) {
            for (com.fasterxml.jackson.databind.JsonNode profile : status.get("profiles")) {
                if (profile.get("profile").asText().equals("shithub")) {
                    assertEquals(queued, profile.at("/counts/QUEUED").asLong());
                    return;
                }
            }
            throw new AssertionError("no shithub profile in " + status);
        }
    }
}
