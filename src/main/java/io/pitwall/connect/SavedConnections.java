package io.pitwall.connect;

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
 * Connections the operator used before, remembered by name and password-free URI. Passwords are never
 * written here: they come from ~/.pgpass, PGPASSWORD, or are asked for again.
 */
public final class SavedConnections {

    /** One remembered connection. */
    public record Saved(String name, String uri) {
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
        List<Saved> saved = new ArrayList<>(list());
        String uri = target.displayUri();
        saved.removeIf(s -> s.uri().equals(uri) || s.name().equals(name));
        saved.addFirst(new Saved(name, uri));
        Files.createDirectories(file.getParent());
        mapper.writeValue(file.toFile(), saved);
    }
}
