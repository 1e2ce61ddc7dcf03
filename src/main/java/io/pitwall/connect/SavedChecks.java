package io.pitwall.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Health-check thresholds kept per saved connection, in {@code checks.json} beside {@code connections.json}:
 * <pre>{"prod-jobs": {"stuck": ["1,10"], "depth": ["shithub/*&#47;repo.push=500,5000"]}, "*": {...}}</pre>
 * A section named {@code *} applies to every connection. Values are written as the command line takes them.
 */
public final class SavedChecks {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public SavedChecks(Path file) {
        this.file = file;
    }

    public static SavedChecks inUserConfig() {
        return new SavedChecks(SavedConnections.configDir().resolve("checks.json"));
    }

    public Path file() {
        return file;
    }

    /** Metric id to threshold texts for one connection: the {@code *} section first, then its own. */
    public Map<String, List<String>> forConnection(String name) throws IOException {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return merged;
        }
        Map<String, Map<String, List<String>>> sections = sections();
        for (String section : new String[]{"*", name}) {
            Map<String, List<String>> values = section == null ? null : sections.get(section);
            if (values != null) {
                values.forEach((metric, texts) -> merged.computeIfAbsent(metric, m -> new ArrayList<>())
                        .addAll(texts == null ? List.of() : texts));
            }
        }
        return merged;
    }

    /**
     * Sets one connection's thresholds for one scope (e.g. {@code shithub/shithub.jobs}): for each metric given,
     * the entries of exactly that scope are replaced by the one given; other scopes, metrics and connections stay
     * as they were. Written to a temporary file first and moved over, so a crash never leaves half a file.
     */
    public synchronized void setScope(String connection, String scope, Map<String, String> limitsByMetric)
            throws IOException {
        Map<String, Map<String, List<String>>> sections = Files.isRegularFile(file) ? sections() : new LinkedHashMap<>();
        Map<String, List<String>> own = sections.computeIfAbsent(connection, c -> new LinkedHashMap<>());
        String prefix = scope + "=";
        limitsByMetric.forEach((metric, limit) -> {
            List<String> texts = new ArrayList<>(own.getOrDefault(metric, List.of()));
            texts.removeIf(text -> text.strip().startsWith(prefix));
            texts.add(prefix + limit);
            own.put(metric, texts);
        });
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(temporary.toFile(), sections);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Map<String, Map<String, List<String>>> sections() throws IOException {
        Map<String, Map<String, List<String>>> sections;
        try {
            sections = JSON.readValue(file.toFile(), new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw new IOException(file + (location != null ? ":" + location.getLineNr() : "") + ": "
                    + e.getOriginalMessage());
        }
        // Mutable copies, so a write can change one section and keep the rest.
        Map<String, Map<String, List<String>>> copy = new LinkedHashMap<>();
        if (sections != null) {
            sections.forEach((name, values) -> {
                Map<String, List<String>> inner = new LinkedHashMap<>();
                if (values != null) {
                    values.forEach((metric, texts) -> inner.put(metric, texts == null ? new ArrayList<>() : new ArrayList<>(texts)));
                }
                copy.put(name, inner);
            });
        }
        return copy;
    }
}
