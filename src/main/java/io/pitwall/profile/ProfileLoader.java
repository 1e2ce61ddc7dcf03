package io.pitwall.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads built-in profiles from resources and user profiles from a directory; a broken file never stops the others. */
public final class ProfileLoader {

    static final String BUILT_IN_DIR = "/io/pitwall/profiles/";

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** Built-in profiles plus those in {@link #userProfileDir()}. */
    public ProfileRegistry loadAll() {
        return load(userProfileDir());
    }

    public ProfileRegistry load(Path userDir) {
        List<Profile> profiles = new ArrayList<>();
        List<ProfileProblem> problems = new ArrayList<>();
        for (String name : builtInNames()) {
            String text = readResource(BUILT_IN_DIR + name);
            Parsed parsed = parse("builtin:" + name, text);
            problems.addAll(parsed.problems());
            parsed.profile().ifPresent(profiles::add);
        }
        if (userDir != null && Files.isDirectory(userDir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(userDir, "*.json")) {
                List<Path> sorted = new ArrayList<>();
                files.forEach(sorted::add);
                sorted.sort(null);
                for (Path file : sorted) {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    Parsed parsed = parse(file.toString(), text);
                    problems.addAll(parsed.problems());
                    parsed.profile().ifPresent(profile -> {
                        if (profiles.removeIf(p -> p.id().equals(profile.id()))) {
                            // A user file may replace a built-in profile on purpose; say so, since it changes behaviour.
                            problems.add(new ProfileProblem(file.toString(), ProfileValidator.lineOf(text, "id"), "id",
                                    "replaces the built-in profile '" + profile.id() + "'"));
                        }
                        profiles.add(profile);
                    });
                }
            } catch (IOException e) {
                problems.add(new ProfileProblem(userDir.toString(), 0, null, "cannot read: " + e.getMessage()));
            }
        }
        return new ProfileRegistry(profiles, problems);
    }

    /** A parsed profile document: the profile if it is usable, and what is wrong with it otherwise. */
    record Parsed(Optional<Profile> profile, List<ProfileProblem> problems) {
    }

    Parsed parse(String source, String text) {
        try {
            JsonNode tree = mapper.readTree(text);
            if (tree instanceof ObjectNode root) {
                List<ProfileProblem> fragmentProblems = Fragments.expand(source, text, root);
                if (!fragmentProblems.isEmpty()) {
                    return new Parsed(Optional.empty(), fragmentProblems);
                }
            }
            Profile profile = mapper.treeToValue(tree, Profile.class);
            List<ProfileProblem> problems = ProfileValidator.validate(source, text, profile);
            return new Parsed(problems.isEmpty() ? Optional.of(profile) : Optional.empty(), problems);
        } catch (JsonMappingException e) {
            // Records are built once all their fields are read, so Jackson's location is often the object's end:
            // find the field itself in the text instead.
            int line = ProfileValidator.lineOfPath(text, e.getPath().stream()
                    .map(JsonMappingException.Reference::getFieldName).filter(java.util.Objects::nonNull).toList());
            return failed(new ProfileProblem(source, line > 0 ? line : line(e.getLocation()), fieldPath(e),
                    cleanMessage(e)));
        } catch (JsonProcessingException e) {
            return failed(new ProfileProblem(source, line(e.getLocation()), fieldAt(e), cleanMessage(e)));
        }
    }

    private static Parsed failed(ProfileProblem problem) {
        return new Parsed(Optional.empty(), List.of(problem));
    }

    public static Path userProfileDir() {
        String override = System.getProperty("pitwall.config.dir", System.getenv("PITWALL_CONFIG_DIR"));
        Path config = override != null ? Path.of(override) : Path.of(System.getProperty("user.home"), ".config", "pitwall");
        return config.resolve("profiles");
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

    private static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(0, location.getLineNr());
    }

    /** For a syntax error, the path of the field being read when the parser stopped, e.g. {@code detect.columns}. */
    private static String fieldAt(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (JsonStreamContext context = parser.getParsingContext(); context != null; context = context.getParent()) {
            if (context.inArray() && context.getCurrentIndex() >= 0 && !names.isEmpty()) {
                names.set(0, "[" + context.getCurrentIndex() + "]" + names.getFirst());
            } else if (context.inArray() && context.getCurrentIndex() >= 0) {
                names.addFirst("[" + context.getCurrentIndex() + "]");
            }
            if (context.getCurrentName() != null) {
                names.addFirst(context.getCurrentName());
            }
        }
        return names.isEmpty() ? null : String.join(".", names).replace(".[", "[");
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String cleanMessage(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return "\"" + unknown.getPropertyName() + "\" is not a profile field"
                    + (known.isEmpty() ? "" : "; fields here: " + String.join(", ", known));
        }
        String message = e.getOriginalMessage();
        int cut = message.indexOf(" (class io.pitwall");
        if (cut > 0) {
            message = message.substring(0, cut);
        }
        int known = message.indexOf(", not marked as ignorable");
        if (known > 0) {
            message = message.substring(0, known) + " (not a profile field)";
        }
        return message.replace("io.pitwall.queue.CanonicalState", "canonical state");
    }
}
