package io.pitwall.connect.keyring;

import io.pitwall.connect.keyring.KeyringException.Kind;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connection passwords in the desktop's keyring (the freedesktop Secret Service: gnome-keyring, KeePassXC, KWallet's
 * bridge), in its default collection. Each operation opens its own bus connection and encrypted session, and every
 * call has a timeout: with no session bus or no service the keyring is "unavailable"; a locked collection is
 * refused as "keyring locked" (no password prompt is raised from here). Never call it on the FX thread.
 */
public final class Keyring {

    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Can the keyring be used now, and if not, why. */
    public record Status(boolean available, boolean locked, String algorithm, String reason) {

        /** One line for the dialog and the command line. */
        public String describe() {
            if (!available) {
                return "desktop keyring unavailable: " + reason;
            }
            return locked ? "desktop keyring locked: " + reason
                    : "desktop keyring available (session " + algorithm + ")";
        }
    }

    private final String address;
    private final String disabled;
    private final Duration timeout;

    private Keyring(String address, String disabled, Duration timeout) {
        this.address = address;
        this.disabled = disabled;
        this.timeout = timeout;
    }

    /** The keyring on the session bus this environment names (DBUS_SESSION_BUS_ADDRESS); PITWALL_KEYRING=off: none. */
    public static Keyring of(Map<String, String> env) {
        if ("off".equalsIgnoreCase(env.getOrDefault("PITWALL_KEYRING", ""))) {
            return new Keyring(null, "turned off by PITWALL_KEYRING=off", TIMEOUT);
        }
        return new Keyring(env.get("DBUS_SESSION_BUS_ADDRESS"), null, TIMEOUT);
    }

    /**
     * The keyring of this session's desktop. The system property {@code pitwall.dbus.address} names another session
     * bus instead of DBUS_SESSION_BUS_ADDRESS (the tests' own bus, as {@code pitwall.config.dir} names their folder).
     */
    public static Keyring ofSystem() {
        String address = System.getProperty("pitwall.dbus.address");
        if (address == null) {
            return of(System.getenv());
        }
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("DBUS_SESSION_BUS_ADDRESS", address);
        return of(env);
    }

    public Keyring withTimeout(Duration newTimeout) {
        return new Keyring(address, disabled, newTimeout);
    }

    /** Whether the keyring can be used, asked of the service itself; never throws. */
    public Status status() {
        try {
            return session(service -> {
                String collection = service.defaultCollection();
                boolean locked = service.collectionLocked(collection);
                return new Status(true, locked, service.algorithm(), locked ? "the collection " + collection
                        + " is locked; unlock the desktop keyring to store or read passwords" : "");
            });
        } catch (KeyringException e) {
            // Locked: there, but nothing can be read or stored until the desktop unlocks it. Any other error: not usable.
            return new Status(e.kind() == Kind.LOCKED, e.kind() == Kind.LOCKED, "", e.getMessage());
        }
    }

    /** The stored password for exactly this target, if the keyring has one. */
    public Optional<String> lookup(PasswordKey key) throws KeyringException {
        return session(service -> {
            List<String> items = unlocked(service, key, "the password for " + key.describe());
            if (items.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new String(service.secret(items.getFirst()), StandardCharsets.UTF_8));
        });
    }

    /** Whether an item for this target exists (the secret itself is not read, so a locked keyring can answer). */
    public boolean holds(PasswordKey key) throws KeyringException {
        return session(service -> {
            List<List<String>> found = service.search(key.attributes());
            return !found.get(0).isEmpty() || !found.get(1).isEmpty();
        });
    }

    /** For each target, whether an item for it exists: one session for all of them. */
    public List<Boolean> holdsEach(List<PasswordKey> keys) throws KeyringException {
        return session(service -> {
            List<Boolean> held = new ArrayList<>();
            for (PasswordKey key : keys) {
                List<List<String>> found = service.search(key.attributes());
                held.add(!found.get(0).isEmpty() || !found.get(1).isEmpty());
            }
            return held;
        });
    }

    /** Stores (or replaces) the password for this target in the default collection, labelled for the operator. */
    public void store(PasswordKey key, String label, String password) throws KeyringException {
        session(service -> {
            String collection = service.defaultCollection();
            if (service.collectionLocked(collection)) {
                service.unlock("the collection " + collection, List.of(collection));
            }
            service.store(collection, label, key.storedAttributes(), password);
            return null;
        });
    }

    /** Removes the stored password for this target; false when there was none. */
    public boolean forget(PasswordKey key) throws KeyringException {
        return session(service -> {
            List<String> items = unlocked(service, key, "the password for " + key.describe());
            for (String item : items) {
                service.delete(item);
            }
            return !items.isEmpty();
        });
    }

    /** Locks the default collection, as the desktop does on a timeout or a screen lock. */
    public void lockDefaultCollection() throws KeyringException {
        session(service -> {
            service.lock(service.defaultCollection());
            return null;
        });
    }

    /** The transport the service agrees to (the DH one unless the service refuses it). */
    public String sessionAlgorithm() throws KeyringException {
        return session(SecretService::algorithm);
    }

    private static List<String> unlocked(SecretService service, PasswordKey key, String what) throws KeyringException {
        List<List<String>> found = service.search(key.attributes());
        List<String> items = new ArrayList<>(found.get(0));
        if (!found.get(1).isEmpty()) {
            service.unlock(what, found.get(1));
            items.addAll(found.get(1));
        }
        return items;
    }

    private interface Operation<T> {
        T run(SecretService service) throws KeyringException;
    }

    private <T> T session(Operation<T> operation) throws KeyringException {
        if (disabled != null) {
            throw new KeyringException(Kind.UNAVAILABLE, disabled);
        }
        try (SecretBus bus = SecretBus.open(address, timeout); SecretService service = SecretService.open(bus)) {
            return operation.run(service);
        } catch (RuntimeException e) {
            // dbus-java reports a broken connection as unchecked exceptions: the keyring is then not usable.
            throw new KeyringException(Kind.UNAVAILABLE, "the session bus failed: " + e.getMessage(), e);
        }
    }
}
