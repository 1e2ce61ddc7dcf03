package io.pitwall.connect.keyring;

/** The desktop keyring could not do what was asked; {@link #kind()} says whether it is there at all. */
public class KeyringException extends Exception {

    /** Why: no keyring to talk to, a locked one (nothing is read or written), or an error from the service. */
    public enum Kind { UNAVAILABLE, LOCKED, FAILED }

    private final Kind kind;

    public KeyringException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public KeyringException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
