package io.pitwall.connect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Looks a password up in ~/.pgpass the way libpq does: first matching line wins, '*' matches anything. */
final class PgPassFile {

    private PgPassFile() {
    }

    static Optional<String> lookup(Path file, String host, int port, String database, String user) {
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> fields = split(line);
                if (fields.size() != 5) {
                    continue;
                }
                if (matches(fields.get(0), host) && matches(fields.get(1), Integer.toString(port))
                        && matches(fields.get(2), database) && matches(fields.get(3), user)) {
                    return Optional.of(fields.get(4));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value)
                || (pattern.equals("localhost") && (value.equals("127.0.0.1") || value.equals("::1")));
    }

    /** Splits on ':' honouring backslash escapes of ':' and '\'. */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
            } else if (c == ':') {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }
}
