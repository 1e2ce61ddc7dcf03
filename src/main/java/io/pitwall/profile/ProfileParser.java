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

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns one profile document into a {@link Profile}, or into problems that name its file, line and field. */
final class ProfileParser {

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

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
            Profile profile = tree == null || tree.isNull() || tree.isMissingNode() ? null
                    : mapper.treeToValue(tree, Profile.class);
            if (profile == null) {
                // "null" is valid JSON that Jackson maps to no object at all.
                return failed(new ProfileProblem(source, 1, null, "holds no profile (the document is JSON null)"));
            }
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
            // readTree's syntax errors carry no path, only the parser's contexts: an array's gives the index.
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
