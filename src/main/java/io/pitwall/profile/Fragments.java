package io.pitwall.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named SQL fragments of a profile: {@code "fragments": {"alive": "t.expires_at > now()"}} written once and used as
 * {@code {fragment:alive}} in any string of the profile (task fields, stuck rules, guards, actions, timeline). They
 * are expanded when the profile is read, before anything else sees it, so every part of Pitwall gets plain SQL.
 * A fragment may use other fragments; a cycle or an unknown name is a problem in the file, with its line.
 */
final class Fragments {

    static final String FIELD = "fragments";
    private static final Pattern REFERENCE = Pattern.compile("\\{fragment:([A-Za-z0-9_.-]+)}");
    private static final int MAX_DEPTH = 16;

    private Fragments() {
    }

    /** Expands every reference in {@code root} in place; returns what is wrong, empty when all is well. */
    static List<ProfileProblem> expand(String source, String text, ObjectNode root) {
        List<ProfileProblem> problems = new ArrayList<>();
        JsonNode declared = root.get(FIELD);
        Map<String, String> raw = new LinkedHashMap<>();
        if (declared != null && !declared.isNull()) {
            if (!declared.isObject()) {
                problems.add(new ProfileProblem(source, ProfileValidator.lineOf(text, FIELD), FIELD,
                        "must be an object of name to SQL text"));
                return problems;
            }
            declared.properties().forEach(entry -> {
                if (entry.getValue().isTextual()) {
                    raw.put(entry.getKey(), entry.getValue().asText());
                } else {
                    problems.add(new ProfileProblem(source, ProfileValidator.lineOf(text, entry.getKey()),
                            FIELD + "." + entry.getKey(), "a fragment is SQL text"));
                }
            });
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        for (String name : raw.keySet()) {
            try {
                resolved.put(name, resolve(raw.get(name), raw, new ArrayList<>(List.of(name))));
            } catch (IllegalArgumentException e) {
                problems.add(new ProfileProblem(source, ProfileValidator.lineOf(text, name), FIELD + "." + name, e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        if (declared != null && declared.isObject()) {
            ObjectNode expanded = root.objectNode();
            resolved.forEach(expanded::put);
            root.set(FIELD, expanded);
        }
        root.properties().forEach(entry -> {
            if (!entry.getKey().equals(FIELD)) {
                entry.setValue(walk(entry.getValue(), entry.getKey(), resolved, source, text, problems));
            }
        });
        return problems;
    }

    private static JsonNode walk(JsonNode node, String path, Map<String, String> fragments, String source, String text,
                                 List<ProfileProblem> problems) {
        if (node.isTextual()) {
            String value = node.asText();
            if (value.indexOf("{fragment:") < 0) {
                return node;
            }
            Matcher matcher = REFERENCE.matcher(value);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String fragment = fragments.get(matcher.group(1));
                if (fragment == null) {
                    problems.add(new ProfileProblem(source, lineOfText(text, matcher.group()), path,
                            "unknown fragment '" + matcher.group(1) + "'" + known(fragments)));
                    fragment = matcher.group();
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(fragment));
            }
            matcher.appendTail(out);
            return TextNode.valueOf(out.toString());
        }
        if (node instanceof ObjectNode object) {
            object.properties().forEach(entry -> entry.setValue(
                    walk(entry.getValue(), path + "." + entry.getKey(), fragments, source, text, problems)));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, walk(array.get(i), path + "[" + i + "]", fragments, source, text, problems));
            }
        }
        return node;
    }

    private static String resolve(String sql, Map<String, String> raw, List<String> chain) {
        if (chain.size() > MAX_DEPTH) {
            throw new IllegalArgumentException("fragments nest deeper than " + MAX_DEPTH + ": " + String.join(" -> ", chain));
        }
        Matcher matcher = REFERENCE.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (chain.contains(name)) {
                throw new IllegalArgumentException("fragments refer to each other in a circle: "
                        + String.join(" -> ", chain) + " -> " + name);
            }
            String inner = raw.get(name);
            if (inner == null) {
                throw new IllegalArgumentException("unknown fragment '" + name + "'" + known(raw));
            }
            List<String> deeper = new ArrayList<>(chain);
            deeper.add(name);
            matcher.appendReplacement(out, Matcher.quoteReplacement(resolve(inner, raw, deeper)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String known(Map<String, String> fragments) {
        return fragments.isEmpty() ? "; the profile declares no \"fragments\""
                : "; declared: " + String.join(", ", fragments.keySet());
    }

    private static int lineOfText(String text, String needle) {
        int at = text.indexOf(needle);
        return at < 0 ? 0 : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
