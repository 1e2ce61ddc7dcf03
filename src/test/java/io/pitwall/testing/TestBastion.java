package io.pitwall.testing;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SSH server for tests (Apache MINA's own, in this JVM): public-key logins for the keys given, TCP
 * forwarding allowed, and counters of what it was asked, so a test can tell that traffic went through it and that
 * a refused login was not tried again. Client keys are made by the real {@code ssh-keygen}, as an operator's are.
 */
public final class TestBastion implements AutoCloseable {

    private final SshServer server;
    private final KeyPair hostKey;
    private final AtomicInteger keyChecks = new AtomicInteger();
    private final AtomicInteger forwards = new AtomicInteger();

    private TestBastion(KeyPair hostKey, List<PublicKey> authorized, int port) throws IOException {
        this.hostKey = hostKey;
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> {
            keyChecks.incrementAndGet();
            return user.equals("ops") && authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key));
        });
        server.setForwardingFilter(new AcceptAllForwardingFilter() {
            @Override
            public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
                forwards.incrementAndGet();
                return super.canConnect(type, address, session);
            }
        });
        server.start();
    }

    /** A bastion that lets user "ops" in with any of these public keys (OpenSSH .pub files). */
    public static TestBastion start(Path... authorizedKeys) {
        try {
            return start(newHostKey(), authorizedKeys);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestBastion start(KeyPair hostKey, Path... authorizedKeys) {
        return start(hostKey, 0, authorizedKeys);
    }

    /** On a given port (0: any free one): a bastion restarted where it was, with its own or another host key. */
    public static TestBastion start(KeyPair hostKey, int port, Path... authorizedKeys) {
        try {
            List<PublicKey> keys = new java.util.ArrayList<>();
            for (Path file : authorizedKeys) {
                keys.add(PublicKeyEntry.parsePublicKeyEntry(Files.readString(file).strip())
                        .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING));
            }
            return new TestBastion(hostKey, keys, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair newHostKey() throws GeneralSecurityException {
        return KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
    }

    /** A key pair in OpenSSH's own format, made by ssh-keygen (the .pub beside it); no passphrase unless given. */
    public static Path sshKeygen(Path dir, String name, String passphrase) {
        Path key = dir.resolve(name);
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase == null ? "" : passphrase, "-C", name, "-f", key.toString());
        return key;
    }

    /** Runs a real command and returns its stdout; fails the test when it fails. */
    public static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command[0] + " (Debian package openssh-client)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public KeyPair hostKey() {
        return hostKey;
    }

    public int port() {
        return server.getPort();
    }

    /** "ops@127.0.0.1:PORT", as --ssh takes it. */
    public String spec() {
        return "ops@127.0.0.1:" + port();
    }

    /** The known_hosts line for this server, as ssh-keyscan would print it. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** A known_hosts line for this server's address holding another key: what a changed host key looks like. */
    public String knownHostsLineWithAnotherKey() throws GeneralSecurityException {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(newHostKey().getPublic());
    }

    /** The host key's fingerprint as ssh-keygen computes it from the known_hosts line ("SHA256:…"). */
    public String fingerprintBySshKeygen(Path scratch) throws IOException {
        Path line = scratch.resolve("host-" + port() + ".pub");
        Files.writeString(line, PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        return run("ssh-keygen", "-l", "-E", "sha256", "-f", line.toString()).split("\\s+")[1];
    }

    /** How often a client key was put to the server (each offer and each signature counts). */
    public int keyChecks() {
        return keyChecks.get();
    }

    /** How many forwards to the database were asked for. */
    public int forwards() {
        return forwards.get();
    }

    public int openSessions() {
        return server.getActiveSessions().size();
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
