package io.pitwall.connect;

import io.pitwall.connect.keyring.Keyring;
import io.pitwall.connect.keyring.KeyringException;
import io.pitwall.connect.keyring.PasswordKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The desktop keyring as a password source. A keyring that is not there or is locked is no error here: the lookup
 * goes on to PGPASSWORD and ~/.pgpass, and {@link #problem()} says why the keyring was passed over.
 */
public final class KeyringPasswords implements PasswordSource {

    private static final Logger LOG = LoggerFactory.getLogger(KeyringPasswords.class);

    private final Keyring keyring;
    private volatile String problem;

    public KeyringPasswords(Keyring keyring) {
        this.keyring = keyring;
    }

    @Override
    public Optional<String> password(String host, int port, String database, String user) {
        try {
            problem = null;
            return keyring.lookup(new PasswordKey(host, port, database, user));
        } catch (KeyringException e) {
            problem = e.getMessage();
            if (e.kind() == KeyringException.Kind.UNAVAILABLE) {
                LOG.debug("desktop keyring not used: {}", e.getMessage());
            } else {
                LOG.info("desktop keyring not used ({}); trying PGPASSWORD and ~/.pgpass", e.getMessage());
            }
            return Optional.empty();
        }
    }

    /** Why the last lookup could not ask the keyring, or null when it could. */
    public String problem() {
        return problem;
    }

    @Override
    public String describe() {
        return "the desktop keyring";
    }
}
