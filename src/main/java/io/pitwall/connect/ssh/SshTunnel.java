package io.pitwall.connect.ssh;

import io.pitwall.connect.SshBastion;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.ConfigFileHostEntryResolver;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.core.CoreModuleProperties;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ssh -L 127.0.0.1:PORT:dbhost:dbport [user@]bastion}: one SSH session and a local port forward on the
 * loopback address, opened when first needed and again after the session broke. A refused host key or login is
 * final until the operator reconnects (asking again only trips lockouts); a bastion that is down is tried again
 * at the next connection. Closing it closes the forward and the session.
 */
public final class SshTunnel implements AutoCloseable {

    /** SSH clients started and not yet stopped, in this JVM: a reopened tunnel must leave none of its old ones. */
    private static final java.util.concurrent.atomic.AtomicInteger RUNNING_CLIENTS = new java.util.concurrent.atomic.AtomicInteger();

    private final SshBastion bastion;
    private final String targetHost;
    private final int targetPort;
    private final SshSettings settings;
    private SshClient client;
    private ClientSession session;
    private int localPort;
    private SshFailure finalRefusal;
    private boolean closed;

    public SshTunnel(SshBastion bastion, String targetHost, int targetPort, SshSettings settings) {
        this.bastion = bastion;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.settings = settings;
    }

    public SshBastion bastion() {
        return bastion;
    }

    /** The loopback port that leads to the database, opening (or reopening) the session first if need be. */
    public synchronized int localPort() throws SshFailure {
        if (closed) {
            throw new SshFailure(SshFailure.Kind.UNREACHABLE, bastion.spec(), null,
                    "the SSH tunnel through " + bastion.spec() + " was closed", null);
        }
        if (finalRefusal != null) {
            throw finalRefusal;
        }
        if (session != null && session.isOpen() && !session.isClosing()) {
            return localPort;
        }
        stop();
        try {
            open();
            return localPort;
        } catch (SshFailure failure) {
            stop();
            if (!failure.retryable()) {
                finalRefusal = failure;
            }
            throw failure;
        }
    }

    /** SSH clients (each with its session, forward and threads) running in this JVM now, for leak checks. */
    public static int runningClients() {
        return RUNNING_CLIENTS.get();
    }

    /** Whether a session is open now (for tests and the status line; opens nothing). */
    public synchronized boolean isOpen() {
        return session != null && session.isOpen();
    }

    private void open() throws SshFailure {
        Duration timeout = settings.timeout();
        ClientKeys keys = new ClientKeys(settings.identities());
        HostKeyCheck hostKeys = new HostKeyCheck(settings.knownHosts(), settings.trustedFingerprint());
        client = SshClient.setUpDefaultClient();
        client.setHostConfigEntryResolver(settings.config() != null && Files.isRegularFile(settings.config())
                ? new ConfigFileHostEntryResolver(settings.config()) : HostConfigEntryResolver.EMPTY);
        client.setServerKeyVerifier(hostKeys);
        client.setKeyIdentityProvider(keys);
        if (settings.agentSocket() != null && Files.exists(settings.agentSocket())) {
            client.setAgentFactory(AgentSocket.factory(settings.agentSocket()));
        }
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, timeout);
        CoreModuleProperties.AUTH_TIMEOUT.set(client, timeout);
        // Keeps an idle tunnel alive through NAT and firewalls, and notices a bastion that went away.
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, Duration.ofSeconds(30));
        if (settings.trustedFingerprint() != null) {
            makeKnownHostsFolder();
        }
        client.start();
        RUNNING_CLIENTS.incrementAndGet();
        String where = "bastion " + bastion.spec();
        try {
            session = client.connect(bastion.user(), bastion.host(), bastion.port())
                    .verify(timeout).getSession();
            where = describe(session);
            session.auth().verify(timeout);
        } catch (IOException | RuntimeException e) {
            throw explain(where, hostKeys, keys, e);
        }
        try {
            SshdSocketAddress bound = session.startLocalPortForwarding(new SshdSocketAddress("127.0.0.1", 0),
                    new SshdSocketAddress(targetHost, targetPort));
            localPort = bound.getPort();
        } catch (IOException | RuntimeException e) {
            throw new SshFailure(SshFailure.Kind.FORWARD_REFUSED, where, null, "logged in to " + where
                    + ", but it would not forward to " + targetHost + ":" + targetPort + ": " + message(e), e);
        }
    }

    private SshFailure explain(String where, HostKeyCheck hostKeys, ClientKeys keys, Exception e) {
        if (hostKeys.refusal() != null) {
            return hostKeys.refusal();
        }
        if (session != null && session.isOpen() && session.getServerKey() != null && !session.isAuthenticated()
                && !timedOut(e)) {
            List<String> offered = new ArrayList<>();
            if (client.getAgentFactory() != null) {
                offered.add("the ssh-agent's keys");
            }
            keys.present().forEach(p -> offered.add(p.toString()));
            return new SshFailure(SshFailure.Kind.AUTHENTICATION, where, null, "the SSH " + where
                    + " refused the login (not retried): offered " + (offered.isEmpty() ? "no key at all" : String.join(", ", offered))
                    + (keys.skipped().isEmpty() ? "" : "; left out " + String.join(", ", keys.skipped()))
                    + ": " + message(e), e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return new SshFailure(SshFailure.Kind.UNREACHABLE, where, null,
                        "cannot reach the SSH " + where + ": connection refused (is sshd running there?)", e);
            }
        }
        return new SshFailure(SshFailure.Kind.UNREACHABLE, where, null, "cannot reach the SSH " + where
                + " (each step may take " + settings.timeout().toSeconds() + " s): " + message(e), e);
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException
                    || (t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timeout"))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(ClientSession session) {
        String host = HostKeyCheck.where(session, session.getIoSession().getRemoteAddress());
        return session.getUsername() == null ? host : host.replace("bastion ", "bastion " + session.getUsername() + "@");
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void makeKnownHostsFolder() {
        Path folder = settings.knownHosts().toAbsolutePath().getParent();
        try {
            if (folder != null && !Files.isDirectory(folder)) {
                Files.createDirectories(folder);
                folder.toFile().setReadable(false, false);
                folder.toFile().setReadable(true, true);
            }
        } catch (IOException ignored) {
            // then adding the key fails and the next login asks again, which is safe
        }
    }

    private void stop() {
        if (session != null) {
            session.close(true);
            session = null;
        }
        if (client != null) {
            client.stop();
            client = null;
            RUNNING_CLIENTS.decrementAndGet();
        }
        localPort = 0;
    }

    @Override
    public synchronized void close() {
        closed = true;
        stop();
    }
}
