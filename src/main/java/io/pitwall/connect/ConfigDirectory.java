package io.pitwall.connect;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Pitwall keeps its configuration: {@code PITWALL_CONFIG_DIR} (or {@code -Dpitwall.config.dir}), else
 * {@code $XDG_CONFIG_HOME/pitwall}, else {@code $HOME/.config/pitwall}. Java's {@code user.home} comes from the
 * password database, not {@code $HOME}, so it is only the last resort: an operator who sets {@code HOME} (sudo -H,
 * a container, a test) expects {@code ~} to follow it, as psql's {@code ~/.pgpass} does.
 */
public final class ConfigDirectory {

    private ConfigDirectory() {
    }

    public static Path ofSystem() {
        return of(System.getenv(), System.getProperty("pitwall.config.dir"), System.getProperty("user.home"));
    }

    static Path of(Map<String, String> env, String property, String userHome) {
        if (present(property)) {
            return Path.of(property);
        }
        if (present(env.get("PITWALL_CONFIG_DIR"))) {
            return Path.of(env.get("PITWALL_CONFIG_DIR"));
        }
        // The XDG base-directory rule: a relative XDG_CONFIG_HOME is invalid and ignored.
        String xdg = env.get("XDG_CONFIG_HOME");
        if (present(xdg) && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "pitwall");
        }
        return Path.of(home(env, userHome), ".config", "pitwall");
    }

    /** {@code $HOME} where set, as the shell's {@code ~}; Java's {@code user.home} otherwise. */
    public static String home(Map<String, String> env, String userHome) {
        String home = env.get("HOME");
        return present(home) ? home : userHome;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
