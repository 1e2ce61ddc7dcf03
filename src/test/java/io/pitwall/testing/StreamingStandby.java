package io.pitwall.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

/**
 * A primary and a real hot standby streaming from it, both PostgreSQL 18 from zonky's binaries. zonky ships no
 * pg_basebackup, so the base backup is the low-level one: {@code pg_backup_start}, a copy of the data directory,
 * {@code pg_backup_stop} (its label file becomes {@code backup_label}), then {@code standby.signal} and
 * {@code primary_conninfo} through a physical replication slot, started with pg_ctl on a port of its own.
 */
public final class StreamingStandby implements AutoCloseable {

    /** Never copied: the running primary's own process files, slots and temporary statistics. */
    private static final Set<String> SKIPPED = Set.of("postmaster.pid", "postmaster.opts", "pg_replslot", "pg_stat_tmp");

    private final EmbeddedPostgres primary;
    private final Path root;
    private final Path standbyData;
    private final Path bin;
    private final int standbyPort;
    private boolean standbyRunning;

    private StreamingStandby(EmbeddedPostgres primary, Path root, Path standbyData, Path bin, int standbyPort) {
        this.primary = primary;
        this.root = root;
        this.standbyData = standbyData;
        this.bin = bin;
        this.standbyPort = standbyPort;
    }

    public static StreamingStandby start() throws Exception {
        Path root = Files.createTempDirectory("pitwall-standby");
        Path primaryData = root.resolve("primary");
        EmbeddedPostgres primary = EmbeddedPostgres.builder().setDataDirectory(primaryData.toFile())
                .setCleanDataDirectory(true).setServerConfig("wal_level", "replica")
                .setServerConfig("max_wal_senders", "4").setServerConfig("max_connections", "60").start();
        Path standbyData = root.resolve("standby");
        Path bin;
        String label;
        try (Connection admin = primary.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
            bin = binaries(sql);
            sql.execute("SELECT pg_create_physical_replication_slot('pitwall_standby', true)");
            sql.execute("SELECT pg_backup_start('pitwall-standby', true)");
            copy(primaryData, standbyData);
            try (ResultSet rs = sql.executeQuery("SELECT labelfile FROM pg_backup_stop(false)")) {
                rs.next();
                label = rs.getString(1);
            }
        }
        Files.writeString(standbyData.resolve("backup_label"), label);
        Files.createFile(standbyData.resolve("standby.signal"));
        Files.writeString(standbyData.resolve("postgresql.auto.conf"), "\nprimary_conninfo = 'host=localhost port="
                + primary.getPort() + " user=postgres application_name=pitwall_standby'\n"
                + "primary_slot_name = 'pitwall_standby'\nhot_standby = on\n",
                java.nio.file.StandardOpenOption.APPEND);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        StreamingStandby pair = new StreamingStandby(primary, root, standbyData, bin, port);
        pair.startStandby();
        return pair;
    }

    /** The running server's own binary, found through one of its backends: zonky extracts them to a temp folder. */
    private static Path binaries(Statement sql) throws SQLException, IOException {
        try (ResultSet rs = sql.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return Files.readSymbolicLink(Path.of("/proc", Integer.toString(rs.getInt(1)), "exe")).getParent();
        }
    }

    /** Copies a live data directory; files the server removes meanwhile (recycled WAL, temp files) are skipped. */
    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                Files.createDirectories(target);
                return SKIPPED.contains(dir.getFileName().toString()) && !dir.equals(from)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!SKIPPED.contains(file.getFileName().toString())) {
                    try {
                        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    } catch (NoSuchFileException gone) {
                        // Removed by the running server while copying; recovery does not need it.
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        Files.setPosixFilePermissions(to, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    public void startStandby() throws IOException, InterruptedException {
        pgCtl("-D", standbyData.toString(), "-l", root.resolve("standby.log").toString(), "-w", "-t", "60",
                "-o", "-p " + standbyPort + " -c listen_addresses=localhost -c unix_socket_directories=''", "start");
        standbyRunning = true;
    }

    public void stopStandby() throws IOException, InterruptedException {
        if (standbyRunning) {
            pgCtl("-D", standbyData.toString(), "-m", "fast", "-w", "stop");
            standbyRunning = false;
        }
    }

    /** As zonky runs its binaries: PostgreSQL refuses root, so as root inside a user namespace. */
    private void pgCtl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(bin.resolve("pg_ctl").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(root.resolve("pg_ctl.out").toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("pg_ctl " + String.join(" ", args) + " failed: "
                    + Files.readString(root.resolve("pg_ctl.out")) + "\n" + log());
        }
    }

    public String log() {
        try {
            Path log = root.resolve("standby.log");
            return Files.isRegularFile(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public EmbeddedPostgres primary() {
        return primary;
    }

    /** A new database on the primary holding this SQL resource's schema (the standby replays it), e.g. a demo's tables. */
    public DataSource primaryDatabaseWith(String database, String sqlResource) throws SQLException, IOException {
        try (Connection admin = primary.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + database);
        }
        DataSource db = primary.getDatabase("postgres", database);
        try (InputStream in = StreamingStandby.class.getResourceAsStream(sqlResource);
             Connection c = db.getConnection(); Statement sql = c.createStatement()) {
            sql.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return db;
    }

    public String primaryUrl(String database) {
        return "postgresql://postgres@localhost:" + primary.getPort() + "/" + database;
    }

    public String standbyUrl(String database) {
        return "postgresql://postgres@localhost:" + standbyPort + "/" + database;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stopStandby();
        } finally {
            primary.close();
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
