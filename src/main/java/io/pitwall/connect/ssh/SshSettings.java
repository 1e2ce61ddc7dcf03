package io.pitwall.connect.ssh;

import io.pitwall.connect.ConfigDirectory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the SSH client finds what {@code ssh} would: {@code ~/.ssh/config}, {@code ~/.ssh/known_hosts}, the
 * default keys {@code ~/.ssh/id_ed25519}, {@code id_ecdsa}, {@code id_rsa} (plus any named one), and the agent at
 * {@code SSH_AUTH_SOCK}. {@code ~} follows {@code $HOME}, as the shell's does.
 *
 * @param agentSocket        null: no agent
 * @param timeout            for each step (TCP connect, key exchange, authentication): a bastion that does not
 *                           answer gives an error in that time, never a hang
 * @param trustedFingerprint "SHA256:…": a host key the operator has checked and accepts although known_hosts
 *                           lacks it (it is added there); null: an unknown host key is refused
 */
public record SshSettings(Path config, Path knownHosts, List<Path> identities, Path agentSocket, Duration timeout,
                          String trustedFingerprint) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public SshSettings {
        identities = List.copyOf(identities);
    }

    public static SshSettings ofSystem() {
        return of(System.getenv(), System.getProperty("user.home"));
    }

    static SshSettings of(Map<String, String> env, String userHome) {
        Path dotSsh = Path.of(ConfigDirectory.home(env, userHome), ".ssh");
        String agent = env.get("SSH_AUTH_SOCK");
        return new SshSettings(dotSsh.resolve("config"), dotSsh.resolve("known_hosts"),
                List.of(dotSsh.resolve("id_ed25519"), dotSsh.resolve("id_ecdsa"), dotSsh.resolve("id_rsa")),
                agent == null || agent.isBlank() ? null : Path.of(agent), DEFAULT_TIMEOUT, null);
    }

    /** A key to offer first, as {@code ssh -i FILE}. */
    public SshSettings withIdentity(Path key) {
        List<Path> keys = new ArrayList<>();
        keys.add(key);
        keys.addAll(identities);
        return new SshSettings(config, knownHosts, keys, agentSocket, timeout, trustedFingerprint);
    }

    public SshSettings withKnownHosts(Path file) {
        return new SshSettings(config, file, identities, agentSocket, timeout, trustedFingerprint);
    }

    public SshSettings withConfig(Path file) {
        return new SshSettings(file, knownHosts, identities, agentSocket, timeout, trustedFingerprint);
    }

    public SshSettings withAgent(Path socket) {
        return new SshSettings(config, knownHosts, identities, socket, timeout, trustedFingerprint);
    }

    public SshSettings withTimeout(Duration each) {
        return new SshSettings(config, knownHosts, identities, agentSocket, each, trustedFingerprint);
    }

    public SshSettings trusting(String fingerprint) {
        return new SshSettings(config, knownHosts, identities, agentSocket, timeout,
                fingerprint == null || fingerprint.isBlank() ? null : fingerprint.strip());
    }
}
