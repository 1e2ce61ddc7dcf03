package io.pitwall.connect.ssh;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Locale;

/**
 * known_hosts, verified as ssh's {@code StrictHostKeyChecking=yes} does: a known key passes; an unknown key is
 * refused with its SHA256 fingerprint unless the operator has checked that very fingerprint and accepts it (then
 * it is added to known_hosts); a key other than the one known_hosts holds is always refused.
 */
final class HostKeyCheck extends KnownHostsServerKeyVerifier {

    private final Path file;
    private volatile SshFailure refusal;

    HostKeyCheck(Path knownHosts, String trustedFingerprint) {
        super((session, remote, key) -> trustedFingerprint != null && trustedFingerprint.equals(fingerprint(key)),
                knownHosts);
        this.file = knownHosts;
        setModifiedServerKeyAcceptor(this::refuseChanged);
    }

    static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    static String keyType(PublicKey key) {
        String type = KeyUtils.getKeyType(key);
        return type == null ? key.getAlgorithm() : type;
    }

    /** Why the last host key was refused; null when none was. */
    SshFailure refusal() {
        return refusal;
    }

    @Override
    protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remote, PublicKey key) {
        if (super.acceptUnknownHostKey(session, remote, key)) {
            return true;
        }
        String where = where(session, remote);
        String fingerprint = fingerprint(key);
        refusal = new SshFailure(SshFailure.Kind.UNKNOWN_HOST_KEY, where, fingerprint,
                "the SSH host key of " + where + " is not known (not in " + file + "): its " + keyType(key)
                        + " key fingerprint is " + fingerprint + ". Check that fingerprint with the bastion's "
                        + "administrator (on the bastion: ssh-keygen -lf /etc/ssh/ssh_host_"
                        + shortType(key) + "_key.pub) before accepting it, e.g. by adding it with: ssh-keyscan "
                        + keyscan(session, remote) + " >> " + file + "; nothing was sent to the database", null);
        return false;
    }

    private boolean refuseChanged(ClientSession session, SocketAddress remote, KnownHostEntry entry,
                                  PublicKey expected, PublicKey actual) {
        String where = where(session, remote);
        refusal = new SshFailure(SshFailure.Kind.CHANGED_HOST_KEY, where, fingerprint(actual),
                "the SSH host key of " + where + " has CHANGED: " + file + " holds the " + keyType(expected) + " key "
                        + fingerprint(expected) + " for it, the bastion now shows the " + keyType(actual) + " key "
                        + fingerprint(actual) + ". Someone may be intercepting the connection (or the bastion was "
                        + "reinstalled): refused, nothing was sent. If the change is expected, remove the old entry "
                        + "with: ssh-keygen -R '" + knownHostsName(session, remote) + "' -f " + file, null);
        return false;
    }

    private static String shortType(PublicKey key) {
        String type = keyType(key).toLowerCase(Locale.ROOT);
        return type.contains("ed25519") ? "ed25519" : type.contains("ecdsa") ? "ecdsa" : type.contains("rsa") ? "rsa" : "*";
    }

    /** The host as known_hosts names it: "host", or "[host]:port" off port 22. */
    private static String knownHostsName(ClientSession session, SocketAddress remote) {
        InetSocketAddress address = inet(session, remote);
        return address == null ? String.valueOf(remote)
                : address.getPort() == 22 ? address.getHostString() : "[" + address.getHostString() + "]:" + address.getPort();
    }

    private static String keyscan(ClientSession session, SocketAddress remote) {
        InetSocketAddress address = inet(session, remote);
        return address == null ? String.valueOf(remote) : "-p " + address.getPort() + " " + address.getHostString();
    }

    private static InetSocketAddress inet(ClientSession session, SocketAddress remote) {
        SocketAddress address = session.getConnectAddress() != null ? session.getConnectAddress() : remote;
        if (address instanceof InetSocketAddress inet) {
            return inet;
        }
        if (address instanceof org.apache.sshd.common.util.net.SshdSocketAddress sshd) {
            return InetSocketAddress.createUnresolved(sshd.getHostName(), sshd.getPort());
        }
        return null;
    }

    static String where(ClientSession session, SocketAddress remote) {
        SocketAddress address = session.getConnectAddress() != null ? session.getConnectAddress() : remote;
        String host = address instanceof InetSocketAddress inet ? inet.getHostString() + ":" + inet.getPort()
                : address instanceof org.apache.sshd.common.util.net.SshdSocketAddress sshd
                ? sshd.getHostName() + ":" + sshd.getPort() : String.valueOf(address);
        return "bastion " + host;
    }
}
