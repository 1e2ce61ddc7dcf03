package io.pitwall.monitor.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text format's samples back (name, labels, value) so a test can compare each value with the
 * database; the format itself is validated by promtool, the reference parser, in the same test.
 */
record PromText(List<Sample> samples) {

    record Sample(String name, Map<String, String> labels, double value) {
        String label(String key) {
            return labels.get(key);
        }
    }

    static PromText parse(String body) {
        List<Sample> samples = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space;
            String name;
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0 && brace < line.indexOf(' ')) {
                name = line.substring(0, brace);
                int at = brace + 1;
                while (line.charAt(at) != '}') {
                    int eq = line.indexOf('=', at);
                    String key = line.substring(at, eq).trim();
                    StringBuilder value = new StringBuilder();
                    int i = eq + 2;
                    for (; line.charAt(i) != '"'; i++) {
                        char c = line.charAt(i);
                        if (c == '\\') {
                            char next = line.charAt(++i);
                            value.append(next == 'n' ? '\n' : next);
                        } else {
                            value.append(c);
                        }
                    }
                    labels.put(key, value.toString());
                    at = i + 1;
                    if (line.charAt(at) == ',') {
                        at++;
                    }
                }
                space = line.indexOf(' ', at);
            } else {
                space = line.indexOf(' ');
                name = line.substring(0, space);
            }
            String rest = line.substring(space + 1).trim().split(" ")[0];
            samples.add(new Sample(name, labels, Double.parseDouble(rest)));
        }
        return new PromText(samples);
    }

    List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The one sample of that name whose labels include all of the given pairs. */
    double value(String name, String... pairs) {
        List<Sample> found = named(name).stream().filter(s -> {
            for (int i = 0; i < pairs.length; i += 2) {
                if (!pairs[i + 1].equals(s.label(pairs[i]))) {
                    return false;
                }
            }
            return true;
        }).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples of " + name + " with " + String.join(",", pairs)
                    + " in:\n" + samples);
        }
        return found.getFirst().value();
    }
}
