package io.pitwall.connect;

import io.pitwall.connect.SavedConnections.Saved;
import io.pitwall.connect.keyring.Keyring;
import io.pitwall.connect.keyring.KeyringException;
import io.pitwall.connect.keyring.PasswordKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The passwords of saved connections in the desktop keyring: stored only when the operator asks (the Connect
 * dialog's "Remember password" after a successful test, or {@code pitwall password set}), removed by "Forget
 * password". The saved connections file itself never holds one. Blocking: never on the FX thread.
 */
public final class SavedPasswords {

    private final Keyring keyring;
    private final TargetResolver resolver;

    /** @param resolver resolves saved URIs to their target (its own keyring source is not needed here) */
    public SavedPasswords(Keyring keyring, TargetResolver resolver) {
        this.keyring = keyring;
        this.resolver = resolver;
    }

    public static SavedPasswords ofSystem() {
        return new SavedPasswords(Keyring.ofSystem(), TargetResolver.fromSystem(null));
    }

    public Keyring.Status status() {
        return keyring.status();
    }

    /** The keyring item's key for a saved connection: its user, host, port and database. */
    public PasswordKey keyOf(Saved saved) throws BadTargetException {
        return PasswordKey.of(resolver.resolve(saved.uri()));
    }

    /** Stores the password of a target under a connection name (the item's label names both). */
    public void store(String name, ConnectionTarget target, String password) throws KeyringException {
        PasswordKey key = PasswordKey.of(target);
        keyring.store(key, label(name, key), password);
    }

    public void store(Saved saved, String password) throws KeyringException, BadTargetException {
        PasswordKey key = keyOf(saved);
        keyring.store(key, label(saved.name(), key), password);
    }

    /** Removes the stored password; false when there was none. */
    public boolean forget(Saved saved) throws KeyringException, BadTargetException {
        return keyring.forget(keyOf(saved));
    }

    /** Which of these connections have a password in the keyring, by name (a URI that no longer parses: false). */
    public Map<String, Boolean> stored(List<Saved> saved) throws KeyringException {
        List<PasswordKey> keys = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Map<String, Boolean> held = new LinkedHashMap<>();
        for (Saved connection : saved) {
            try {
                keys.add(keyOf(connection));
                names.add(connection.name());
            } catch (BadTargetException e) {
                held.put(connection.name(), false);
            }
        }
        List<Boolean> answers = keyring.holdsEach(keys);
        for (int i = 0; i < names.size(); i++) {
            held.put(names.get(i), answers.get(i));
        }
        return held;
    }

    static String label(String name, PasswordKey key) {
        return "Pitwall: " + name + " (" + key.describe() + ")";
    }
}
