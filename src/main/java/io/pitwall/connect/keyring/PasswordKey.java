package io.pitwall.connect.keyring;

import io.pitwall.connect.ConnectionTarget;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which password a keyring item holds: the role on one database, keyed as ~/.pgpass keys it (host, port, database,
 * user). Stored as the item's attributes beside application=pitwall, so {@code secret-tool lookup application pitwall
 * host H port P database D user U} finds the same item.
 */
public record PasswordKey(String host, int port, String database, String user) {

    static final String SCHEMA = "io.pitwall.Password";

    public static PasswordKey of(ConnectionTarget target) {
        return new PasswordKey(target.host(), target.port(), target.database(), target.user());
    }

    /** What a lookup matches on. */
    Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("application", "pitwall");
        attributes.put("host", host);
        attributes.put("port", Integer.toString(port));
        attributes.put("database", database);
        attributes.put("user", user);
        return attributes;
    }

    /** What an item is stored with: the lookup's attributes and libsecret's schema name, as libsecret stores them. */
    Map<String, String> storedAttributes() {
        Map<String, String> attributes = attributes();
        attributes.put("xdg:schema", SCHEMA);
        return attributes;
    }

    /** "ops@db1:5432/queues". */
    public String describe() {
        return user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }
}
