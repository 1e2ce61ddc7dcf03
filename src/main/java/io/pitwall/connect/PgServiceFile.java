package io.pitwall.connect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads one [service] section of a pg_service.conf file. */
final class PgServiceFile {

    private PgServiceFile() {
    }

    static Optional<Map<String, String>> section(Path file, String service) {
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Map<String, String> values = null;
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("[") && line.endsWith("]")) {
                    if (values != null) {
                        break;
                    }
                    if (line.substring(1, line.length() - 1).strip().equals(service)) {
                        values = new LinkedHashMap<>();
                    }
                } else if (values != null && line.contains("=")) {
                    int eq = line.indexOf('=');
                    values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
            return Optional.ofNullable(values);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
