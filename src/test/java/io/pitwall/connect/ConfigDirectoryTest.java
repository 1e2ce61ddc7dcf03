package io.pitwall.connect;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ~/.config follows $HOME and XDG_CONFIG_HOME as the shell does, not Java's user.home from the password database. */
class ConfigDirectoryTest {

    @Test
    void homeComesFromTheEnvironmentNotUserHome() {
        assertEquals(Path.of("/home/op/.config/pitwall"),
                ConfigDirectory.of(Map.of("HOME", "/home/op"), null, "/root"));
    }

    @Test
    void xdgConfigHomeWinsOverHome() {
        assertEquals(Path.of("/srv/cfg/pitwall"),
                ConfigDirectory.of(Map.of("HOME", "/home/op", "XDG_CONFIG_HOME", "/srv/cfg"), null, "/root"));
    }

    @Test
    void aRelativeXdgConfigHomeIsIgnoredAsTheSpecSays() {
        assertEquals(Path.of("/home/op/.config/pitwall"),
                ConfigDirectory.of(Map.of("HOME", "/home/op", "XDG_CONFIG_HOME", "cfg"), null, "/root"));
    }

    @Test
    void theExplicitOverridesComeFirst() {
        assertEquals(Path.of("/etc/pw"), ConfigDirectory.of(Map.of("PITWALL_CONFIG_DIR", "/etc/pw",
                "XDG_CONFIG_HOME", "/srv/cfg"), null, "/root"));
        assertEquals(Path.of("/opt/pw"), ConfigDirectory.of(Map.of("PITWALL_CONFIG_DIR", "/etc/pw"), "/opt/pw", "/root"));
    }

    @Test
    void userHomeIsTheLastResort() {
        assertEquals(Path.of("/root/.config/pitwall"), ConfigDirectory.of(Map.of(), null, "/root"));
    }
}
