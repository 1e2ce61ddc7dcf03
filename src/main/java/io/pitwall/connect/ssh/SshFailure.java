package io.pitwall.connect.ssh;

/** Why the SSH bastion could not carry the connection, in the operator's words. */
public final class SshFailure extends Exception {

    /** What went wrong; the host-key kinds are refusals of a guard, the others failures to connect. */
    public enum Kind {
        /** Connection refused, no answer in time, or the session broke. Worth trying again later. */
        UNREACHABLE,
        /** The bastion refused every key offered. Not retried: asking again only trips lockouts. */
        AUTHENTICATION,
        /** known_hosts has no key for the bastion: the operator must check the fingerprint first. */
        UNKNOWN_HOST_KEY,
        /** known_hosts holds another key for the bastion: possibly someone in the middle. Never accepted here. */
        CHANGED_HOST_KEY,
        /** Logged in, but the bastion would not forward to the database. */
        FORWARD_REFUSED
    }

    private final Kind kind;
    private final String bastion;
    private final String fingerprint;

    public SshFailure(Kind kind, String bastion, String fingerprint, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.bastion = bastion;
        this.fingerprint = fingerprint;
    }

    public Kind kind() {
        return kind;
    }

    /** "ops@bastion:22" as resolved. */
    public String bastion() {
        return bastion;
    }

    /** The bastion's host key fingerprint ("SHA256:…") for the host-key kinds; null otherwise. */
    public String fingerprint() {
        return fingerprint;
    }

    /** A refused host key: the connection was stopped by a guard, not by the network. */
    public boolean hostKeyRefused() {
        return kind == Kind.UNKNOWN_HOST_KEY || kind == Kind.CHANGED_HOST_KEY;
    }

    /** Trying again unchanged could succeed (the bastion came back); never so for keys and host keys. */
    public boolean retryable() {
        return kind == Kind.UNREACHABLE || kind == Kind.FORWARD_REFUSED;
    }

    /** The first SSH failure in a cause chain (the driver wraps it in its own exceptions), or null. */
    public static SshFailure in(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SshFailure failure) {
                return failure;
            }
        }
        return null;
    }
}
