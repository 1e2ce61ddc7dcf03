package io.pitwall.testing;

import io.pitwall.connect.keyring.Keyring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real desktop keyring for tests: a private D-Bus session bus (dbus-daemon) and, on it, gnome-keyring-daemon's
 * Secret Service with a fresh login collection, unlocked with a test password, all in a temporary HOME. Or a bus
 * with no Secret Service at all (nothing activatable on it). Missing programs fail the test naming the Debian
 * package (.ci/run installs them), they never skip it. Close to stop both processes.
 */
public final class TestKeyring implements AutoCloseable {

    private final Path dir;
    private final String address;
    private final List<Process> processes = new ArrayList<>();

    private TestKeyring(Path dir, String address, Process bus) {
        this.dir = dir;
        this.address = address;
        processes.add(bus);
    }

    /** A session bus with gnome-keyring's Secret Service on it, the default (login) collection unlocked. */
    public static TestKeyring start() {
        require("gnome-keyring-daemon", "gnome-keyring");
        TestKeyring keyring = busOnly();
        try {
            ProcessBuilder daemon = new ProcessBuilder("gnome-keyring-daemon", "--foreground", "--unlock",
                    "--components=secrets").redirectErrorStream(true)
                    .redirectOutput(keyring.dir.resolve("gnome-keyring.log").toFile());
            daemon.environment().putAll(keyring.env());
            Process process = daemon.start();
            keyring.processes.add(process);
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write("login-password".getBytes(StandardCharsets.UTF_8));
            }
            keyring.awaitUnlocked();
            return keyring;
        } catch (IOException | RuntimeException e) {
            keyring.close();
            throw new IllegalStateException("cannot start gnome-keyring-daemon: " + e.getMessage(), e);
        }
    }

    /** A session bus on which no Secret Service runs or can be activated. */
    public static TestKeyring busOnly() {
        require("dbus-daemon", "dbus-daemon");
        try {
            Path dir = Files.createTempDirectory("pitwall-keyring");
            for (String sub : new String[]{"home", "data", "config", "services"}) {
                Files.createDirectories(dir.resolve(sub));
            }
            Files.createDirectories(dir.resolve("run"), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Path config = dir.resolve("bus.conf");
            Files.writeString(config, """
                    <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                     "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                    <busconfig>
                      <type>session</type>
                      <listen>unix:dir=%s</listen>
                      <servicedir>%s</servicedir>
                      <policy context="default">
                        <allow send_destination="*" eavesdrop="true"/>
                        <allow eavesdrop="true"/>
                        <allow own="*"/>
                      </policy>
                    </busconfig>
                    """.formatted(dir.resolve("run"), dir.resolve("services")));
            Process bus = new ProcessBuilder("dbus-daemon", "--config-file=" + config, "--nofork", "--print-address=1")
                    .redirectError(dir.resolve("dbus-daemon.log").toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8));
            String address = out.readLine();
            if (address == null || !address.startsWith("unix:")) {
                bus.destroyForcibly();
                throw new IllegalStateException("dbus-daemon printed no address: " + Files.readString(dir.resolve("dbus-daemon.log")));
            }
            return new TestKeyring(dir, address.strip(), bus);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start dbus-daemon: " + e.getMessage(), e);
        }
    }

    /** Fails, naming the package, when a program the keyring tests need is not installed. */
    public static void require(String program, String debianPackage) {
        boolean found = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .anyMatch(p -> Files.isExecutable(Path.of(p, program)));
        if (!found) {
            throw new AssertionError(program + " is not installed: apt-get install " + debianPackage
                    + " (.ci/run installs it)");
        }
    }

    public String address() {
        return address;
    }

    /** The environment a client of this keyring runs in (also what the processes were started with). */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DBUS_SESSION_BUS_ADDRESS", address);
        env.put("HOME", dir.resolve("home").toString());
        env.put("XDG_DATA_HOME", dir.resolve("data").toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("XDG_RUNTIME_DIR", dir.resolve("run").toString());
        return env;
    }

    public Keyring keyring() {
        return Keyring.of(env());
    }

    public Path dir() {
        return dir;
    }

    /** Runs a program (secret-tool, dbus-monitor) against this bus; its stdout, after it ended or was stopped. */
    public ProcessBuilder program(String... command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env());
        return builder;
    }

    /** Stops (SIGSTOP) or resumes (SIGCONT) the Secret Service: a stopped one takes calls and never answers. */
    public void freezeService(boolean frozen) {
        if (processes.size() < 2) {
            throw new IllegalStateException("no Secret Service was started on this bus");
        }
        try {
            Process kill = new ProcessBuilder("kill", frozen ? "-STOP" : "-CONT", Long.toString(processes.get(1).pid()))
                    .inheritIO().start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot signal gnome-keyring-daemon", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitUnlocked() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Keyring.Status status = null;
        while (System.nanoTime() < deadline) {
            status = keyring().status();
            if (status.available() && !status.locked()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String log;
        try {
            log = Files.readString(dir.resolve("gnome-keyring.log"));
        } catch (IOException e) {
            log = "";
        }
        throw new IllegalStateException("gnome-keyring's login collection did not come up unlocked: "
                + (status == null ? "" : status.describe()) + "\n" + log);
    }

    @Override
    public void close() {
        if (processes.size() > 1) {
            freezeService(false);
        }
        for (Process process : processes.reversed()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
