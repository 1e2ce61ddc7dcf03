package io.pitwall.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Health-check thresholds kept per saved connection, in {@code checks.json} beside {@code connections.json}:
 * <pre>{"prod-jobs": {"stuck": ["1,10"], "depth": ["shithub/*&#47;repo.push=500,5000"]}, "*": {...}}</pre>
 * A section named {@code *} applies to every connection. Values are written as the command line takes them.
 */
public final class SavedChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        Map<String, Map<String, List<String>>> sections;
        try {
            sections = JSON.readValue(file.toFile(), new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw new IOException(file + (location != null ? ":" + location.getLineNr() : "") + ": "
                    + e.getOriginalMessage());
        }
        if (sections == null) {
            return merged;
        }
        for (String section : new String[]{"*", name}) {
            Map<String, List<String>> values = section == null ? null : sections.get(section);
            if (values != null) {
                values.forEach((metric, texts) -> merged.computeIfAbsent(metric, m -> new java.util.ArrayList<>())
                        .addAll(texts == null ? List.of() : texts));
            }
        }
        return merged;
    }
}
