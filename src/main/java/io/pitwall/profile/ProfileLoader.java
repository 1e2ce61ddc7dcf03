package io.pitwall.profile;

import io.pitwall.connect.ConfigDirectory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads built-in profiles from resources and user profiles from a directory; a broken file never stops the others. */
public final class ProfileLoader {

    static final String BUILT_IN_DIR = "/io/pitwall/profiles/";

    private final ProfileParser parser = new ProfileParser();

    /** Built-in profiles plus those in {@link #userProfileDir()}. */
    public ProfileRegistry loadAll() {
        return load(userProfileDir());
    }

    public ProfileRegistry load(Path userDir) {
        List<Loaded> profiles = new ArrayList<>();
        List<ProfileProblem> problems = new ArrayList<>();
        for (String name : builtInNames()) {
            String text = readResource(BUILT_IN_DIR + name);
            ProfileParser.Parsed parsed = parser.parse("builtin:" + name, text);
            problems.addAll(parsed.problems());
            parsed.profile().ifPresent(profile -> profiles.add(new Loaded(profile, "builtin:" + name, true)));
        }
        if (userDir != null && Files.isDirectory(userDir)) {
            for (Path file : userFiles(userDir, problems)) {
                String text;
                try {
                    text = readUtf8(file);
                } catch (MalformedInputException e) {
                    problems.add(new ProfileProblem(file.toString(), 0, null, "is not UTF-8 text (a malformed byte sequence"
                            + " of " + e.getInputLength() + " byte(s)); save it as UTF-8"));
                    continue;
                } catch (IOException e) {
                    problems.add(new ProfileProblem(file.toString(), 0, null, "cannot read: " + e));
                    continue;
                }
                ProfileParser.Parsed parsed = parser.parse(file.toString(), text);
                problems.addAll(parsed.problems());
                parsed.profile().ifPresent(profile -> add(profiles, problems, new Loaded(profile, file.toString(), false), text));
            }
        }
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
        profiles.forEach(l -> files.put(ProfileRegistry.key(l.profile()), l.file()));
        return new ProfileRegistry(profiles.stream().map(Loaded::profile).toList(), problems, files);
    }

    private record Loaded(Profile profile, String file, boolean builtIn) {
    }

    /**
     * A user profile replaces the profiles it has the same id (and version) as: a built-in on purpose, or an earlier
     * user file by mistake. Both are said, since either changes behaviour; a user file without a version replaces
     * every version of its id.
     */
    private static void add(List<Loaded> profiles, List<ProfileProblem> problems, Loaded loaded, String text) {
        Profile profile = loaded.profile();
        List<Loaded> replaced = profiles.stream().filter(l -> l.profile().id().equals(profile.id())
                && (profile.version() == null || Objects.equals(profile.version(), l.profile().version()))).toList();
        for (Loaded old : replaced) {
            String what = old.builtIn() ? "the built-in profile '" + profile.id() + "'"
                    : "user profile '" + profile.id() + "' from file " + old.file();
            String version = old.profile().version() == null ? "" : " (version " + old.profile().version() + ")";
            problems.add(new ProfileProblem(loaded.file(), ProfileValidator.lineOf(text, "id"), "id",
                    "replaces " + what + version));
        }
        profiles.removeAll(replaced);
        profiles.add(loaded);
    }

    /** The directory's {@code *.json} regular files in name order; a folder that only looks like one is reported. */
    private static List<Path> userFiles(Path userDir, List<ProfileProblem> problems) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(userDir, "*.json")) {
            entries.forEach(files::add);
        } catch (IOException e) {
            problems.add(new ProfileProblem(userDir.toString(), 0, null, "cannot read: " + e.getMessage()));
        }
        files.sort(null);
        List<Path> regular = new ArrayList<>();
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                regular.add(file);
            } else {
                problems.add(new ProfileProblem(file.toString(), 0, null,
                        Files.isDirectory(file) ? "is a folder, not a profile file; skipped" : "is not a regular file; skipped"));
            }
        }
        return regular;
    }

    /** Strict UTF-8: a profile with a broken byte is reported, never read with replacement characters. */
    private static String readUtf8(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (MalformedInputException e) {
            throw e;
        } catch (CharacterCodingException e) {
            throw new MalformedInputException(1);
        }
    }

    /** {@code profiles/} in Pitwall's configuration directory (see {@link ConfigDirectory}). */
    public static Path userProfileDir() {
        return ConfigDirectory.ofSystem().resolve("profiles");
    }

    private static List<String> builtInNames() {
        return readResource(BUILT_IN_DIR + "index.txt").lines()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static String readResource(String path) {
        try (InputStream in = ProfileLoader.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
