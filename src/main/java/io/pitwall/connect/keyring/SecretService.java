package io.pitwall.connect.keyring;

import io.pitwall.connect.keyring.KeyringException.Kind;
import org.freedesktop.dbus.types.Variant;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The calls of the freedesktop Secret Service API (org.freedesktop.Secret.*) that Pitwall needs, in one session:
 * opened with the Diffie-Hellman transport so secrets cross the bus encrypted. Only when the service refuses that
 * algorithm (org.freedesktop.DBus.Error.NotSupported) does it fall back to "plain", where the secret crosses the
 * session bus as it is; {@link #algorithm()} says which, and the status shows it.
 */
final class SecretService implements AutoCloseable {

    static final String PLAIN = "plain";
    private static final String SERVICE_PATH = "/org/freedesktop/secrets";
    private static final String SERVICE = "org.freedesktop.Secret.Service";
    private static final String COLLECTION = "org.freedesktop.Secret.Collection";
    private static final String ITEM = "org.freedesktop.Secret.Item";
    private static final String NO_OBJECT = "/";

    private final SecretBus bus;
    private final String sessionPath;
    private final DhTransport dh;

    private SecretService(SecretBus bus, String sessionPath, DhTransport dh) {
        this.bus = bus;
        this.sessionPath = sessionPath;
        this.dh = dh;
    }

    static SecretService open(SecretBus bus) throws KeyringException {
        DhTransport dh = new DhTransport();
        try {
            Object[] reply = bus.call(SERVICE_PATH, SERVICE, "OpenSession", "sv", DhTransport.ALGORITHM,
                    new Variant<>(dh.publicValue(), "ay"));
            dh.agree(bytes(((Variant<?>) reply[0]).getValue()));
            return new SecretService(bus, path(reply[1]), dh);
        } catch (SecretBus.DBusError e) {
            if (!e.name().equals("org.freedesktop.DBus.Error.NotSupported")) {
                throw e;
            }
        } catch (GeneralSecurityException e) {
            throw new KeyringException(Kind.FAILED, "cannot agree a session key with the Secret Service: "
                    + e.getMessage(), e);
        }
        Object[] reply = bus.call(SERVICE_PATH, SERVICE, "OpenSession", "sv", PLAIN, new Variant<>(""));
        return new SecretService(bus, path(reply[1]), null);
    }

    String algorithm() {
        return dh == null ? PLAIN : DhTransport.ALGORITHM;
    }

    /** The collection the "default" alias names (gnome-keyring's "login"). */
    String defaultCollection() throws KeyringException {
        String collection = path(bus.call(SERVICE_PATH, SERVICE, "ReadAlias", "s", "default")[0]);
        if (collection.equals(NO_OBJECT)) {
            throw new KeyringException(Kind.UNAVAILABLE, "the keyring has no default collection");
        }
        return collection;
    }

    boolean collectionLocked(String collection) throws KeyringException {
        Object value = bus.call(collection, "org.freedesktop.DBus.Properties", "Get", "ss", COLLECTION, "Locked")[0];
        return Boolean.TRUE.equals(value instanceof Variant<?> variant ? variant.getValue() : value);
    }

    /**
     * Asks the service to unlock these objects. Where it answers with a prompt (it wants the user's password), the
     * prompt is not shown from here: the caller reports "keyring locked" and nothing waits for a user.
     */
    void unlock(String what, List<String> objects) throws KeyringException {
        Object[] reply = bus.call(SERVICE_PATH, SERVICE, "Unlock", "ao", objects);
        if (!path(reply[1]).equals(NO_OBJECT) || paths(reply[0]).size() < objects.size()) {
            throw new KeyringException(Kind.LOCKED, "keyring locked: " + what + " is locked; unlock the desktop "
                    + "keyring (log in to the desktop, or open Passwords and Keys) and try again");
        }
    }

    /** Locks a collection (what the desktop does on a timeout or screen lock); the tests use it. */
    void lock(String collection) throws KeyringException {
        bus.call(SERVICE_PATH, SERVICE, "Lock", "ao", List.of(collection));
    }

    /** Items whose attributes include all of these: [unlocked, locked]. */
    List<List<String>> search(Map<String, String> attributes) throws KeyringException {
        Object[] reply = bus.call(SERVICE_PATH, SERVICE, "SearchItems", "a{ss}", attributes);
        return List.of(paths(reply[0]), paths(reply[1]));
    }

    byte[] secret(String item) throws KeyringException {
        Object[] secret = struct(bus.call(item, ITEM, "GetSecret", "o", sessionPath)[0]);
        byte[] parameters = bytes(secret[1]);
        byte[] value = bytes(secret[2]);
        if (dh == null) {
            return value;
        }
        try {
            return dh.decrypt(parameters, value);
        } catch (GeneralSecurityException e) {
            throw new KeyringException(Kind.FAILED, "cannot decrypt the secret the keyring sent: " + e.getMessage(), e);
        }
    }

    /** Creates the item, or replaces the one with the same attributes. */
    void store(String collection, String label, Map<String, String> attributes, String password) throws KeyringException {
        byte[] plain = password.getBytes(StandardCharsets.UTF_8);
        Object[] secret;
        try {
            if (dh == null) {
                secret = new Object[]{sessionPath, new byte[0], plain, "text/plain"};
            } else {
                byte[][] encrypted = dh.encrypt(plain);
                secret = new Object[]{sessionPath, encrypted[0], encrypted[1], "text/plain"};
            }
        } catch (GeneralSecurityException e) {
            throw new KeyringException(Kind.FAILED, "cannot encrypt the secret: " + e.getMessage(), e);
        } finally {
            if (dh != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
        Map<String, Variant<?>> properties = Map.of(
                "org.freedesktop.Secret.Item.Label", new Variant<>(label),
                "org.freedesktop.Secret.Item.Attributes", new Variant<>(attributes, "a{ss}"));
        Object[] reply = bus.call(collection, COLLECTION, "CreateItem", "a{sv}(oayays)b", properties, secret, true);
        if (!path(reply[1]).equals(NO_OBJECT)) {
            throw new KeyringException(Kind.LOCKED, "keyring locked: the keyring asks for a confirmation to store the "
                    + "password; unlock the desktop keyring and try again");
        }
    }

    void delete(String item) throws KeyringException {
        Object[] reply = bus.call(item, ITEM, "Delete", "");
        if (!path(reply[0]).equals(NO_OBJECT)) {
            throw new KeyringException(Kind.LOCKED, "keyring locked: the keyring asks for a confirmation to delete the "
                    + "password; unlock the desktop keyring and try again");
        }
    }

    @Override
    public void close() {
        try {
            bus.call(sessionPath, "org.freedesktop.Secret.Session", "Close", "");
        } catch (KeyringException e) {
            // the bus connection closes next, which ends the session too
        }
    }

    // dbus-java hands arrays back as lists or as arrays, depending on nesting: accept both.

    private static String path(Object value) {
        return value.toString();
    }

    private static List<String> paths(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            list.forEach(p -> out.add(path(p)));
        } else if (value instanceof Object[] array) {
            Arrays.stream(array).forEach(p -> out.add(path(p)));
        }
        return out;
    }

    private static Object[] struct(Object value) {
        if (value instanceof Object[] array) {
            return array;
        }
        if (value instanceof org.freedesktop.dbus.Container container) {
            return container.getParameters();
        }
        if (value instanceof Collection<?> list) {
            return list.toArray();
        }
        throw new IllegalStateException("unexpected secret structure " + value.getClass());
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] array) {
            return array;
        }
        if (value instanceof Collection<?> list) {
            byte[] out = new byte[list.size()];
            int i = 0;
            for (Object b : list) {
                out[i++] = ((Number) b).byteValue();
            }
            return out;
        }
        if (value instanceof Byte[] boxed) {
            byte[] out = new byte[boxed.length];
            for (int i = 0; i < boxed.length; i++) {
                out[i] = boxed[i];
            }
            return out;
        }
        throw new IllegalStateException("unexpected byte array " + value.getClass());
    }
}
