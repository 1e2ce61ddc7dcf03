package io.pitwall.connect;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Connections the operator used before, keyed by their full password-free target (user, host, port, database,
 * sslmode), each keeping its name, environment and colour. Passwords are never written here: they come from
 * ~/.pgpass, PGPASSWORD, or are asked for again.
 */
public final class SavedConnections {

    /**
     * One remembered connection.
     *
     * @param standbyUri a hot standby the monitoring reads from (previews and actions stay on {@code uri}); null: none
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Saved(String name, String uri, String environment, String colour, boolean readOnly, String actionUser,
                        String standbyUri) {

        public Saved(String name, String uri) {
            this(name, uri, null, null, false, null, null);
        }

        public Saved(String name, String uri, String environment, String colour, boolean readOnly, String actionUser) {
            this(name, uri, environment, colour, readOnly, actionUser, null);
        }

        public ConnectionIdentity identity() {
            return new ConnectionIdentity(name, environment, colour, readOnly, actionUser);
        }
    }

    private final Path file;
    private final ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public SavedConnections(Path file) {
        this.file = file;
    }

    public static SavedConnections inUserConfig() {
        return new SavedConnections(configDir().resolve("connections.json"));
    }

    /** Pitwall's settings folder (see {@link ConfigDirectory}). */
    public static Path configDir() {
        return ConfigDirectory.ofSystem();
    }

    /** The saved connection with this name, if any. */
    public java.util.Optional<Saved> named(String name) {
        return list().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public List<Saved> list() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return List.copyOf(mapper.readValue(file.toFile(), new TypeReference<List<Saved>>() { }));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Remembers a target under a name, most recent first; the password is dropped. */
    public void remember(String name, ConnectionTarget target) throws IOException {
        remember(new ConnectionIdentity(name, null, null, false, null), target);
    }

    /**
     * Remembers a target, most recent first, replacing only the entry for the same target. A default name
     * (the operator gave none) does not overwrite the name the operator gave that target before.
     */
    public void remember(ConnectionIdentity identity, ConnectionTarget target) throws IOException {
        remember(identity, target, null);
    }

    /** As above, with the standby its monitoring reads from (password-free), or null. */
    public void remember(ConnectionIdentity identity, ConnectionTarget target, ConnectionTarget standby) throws IOException {
        List<Saved> saved = new ArrayList<>(list());
        String uri = target.displayUri();
        Saved previous = saved.stream().filter(s -> s.uri().equals(uri)).findFirst().orElse(null);
        saved.removeIf(s -> s.uri().equals(uri));
        boolean defaultName = identity.name().equals(ConnectionIdentity.defaultName(target));
        Saved entry = previous != null && defaultName && identity.environment().isEmpty() && standby == null
                ? previous
                : new Saved(identity.name(), uri, identity.environment(), identity.colour(), identity.readOnly(),
                        identity.actionUser(), standby == null ? null : standby.displayUri());
        saved.addFirst(entry);
        Files.createDirectories(file.getParent());
        mapper.writeValue(file.toFile(), saved);
    }
}
