package io.pitwall.profile;

import io.pitwall.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds which profiles' tables a database holds, by its catalog alone: no task table is read. */
public final class CatalogDetector {

    private final List<Profile> profiles;
    private final java.util.function.Function<Profile, String> files;

    public CatalogDetector(List<Profile> profiles) {
        this(profiles, profile -> "profile " + profile.id());
    }

    /** @param files the file each profile came from, named when the database rejects its SQL */
    public CatalogDetector(List<Profile> profiles, java.util.function.Function<Profile, String> files) {
        this.profiles = List.copyOf(profiles);
        this.files = files;
    }

    public CatalogDetector(ProfileRegistry registry) {
        this(registry.profiles(), registry::file);
    }

    public Detection detect(Connection connection) throws SQLException {
        Catalog catalog = Catalog.read(connection);
        List<Binding> bindings = new ArrayList<>();
        List<Candidate> nearMisses = new ArrayList<>();
        for (Profile profile : profiles) {
            for (String schema : schemasFor(profile, catalog)) {
                for (Target target : targets(connection, catalog, profile, schema)) {
                    catalog.columns(schema, target.table()).ifPresent(columns -> {
                        Match match = match(profile.detect(), columns, catalog, schema);
                        if (match.matches()) {
                            bindings.add(new Binding(profile, schema, target.table(), target.queue(),
                                    ActionRequirements.unavailable(profile, catalog, schema, target.table(), target.queue()),
                                    Binding.fallbacksFor(profile, columns.keySet())));
                        } else if (match.worthReporting()) {
                            nearMisses.add(new Candidate(profile, schema + "." + target.table(), match.explain(),
                                    match.mismatches()));
                        }
                    });
                }
            }
        }
        // A table that fully matches one profile is not a problem for the others that share its name.
        Set<String> bound = new HashSet<>();
        bindings.forEach(b -> bound.add(b.where()));
        List<DetectionProblem> problems = nearMisses.stream()
                .filter(c -> !bound.contains(c.where()))
                .map(c -> new DetectionProblem(c.profile().id(), c.where(), c.message(), c.columns(), c.profile().version()))
                .toList();
        List<Binding> usable = new ArrayList<>();
        List<BrokenBinding> broken = new ArrayList<>();
        for (Binding binding : bindings) {
            List<ProfileProblem> rejected = new BindingCheck(connection, catalog, files.apply(binding.profile())).check(binding);
            if (rejected.isEmpty()) {
                usable.add(binding);
            } else {
                broken.add(new BrokenBinding(binding.profile(), binding.where(), binding.queue(), rejected));
            }
        }
        return new Detection(usable, problems, broken);
    }

    private static List<String> schemasFor(Profile profile, Catalog catalog) {
        if (!profile.detect().schemas().isEmpty()) {
            return profile.detect().schemas();
        }
        List<String> all = new ArrayList<>();
        catalog.schemaNames().forEach(all::add);
        return all;
    }

    private record Target(String table, String queue) {
    }

    private record Candidate(Profile profile, String where, String message, List<ColumnMismatch> columns) {
    }

    private static List<Target> targets(Connection connection, Catalog catalog, Profile profile, String schema)
            throws SQLException {
        Detect detect = profile.detect();
        if (detect.queues() == null) {
            return List.of(new Target(detect.table(), null));
        }
        Detect.QueueDiscovery queues = detect.queues();
        Map<String, String> listColumns = catalog.columns(schema, queues.table()).orElse(Map.of());
        if (!listColumns.containsKey(queues.column())) {
            return List.of();
        }
        List<Target> targets = new ArrayList<>();
        String sql = "SELECT " + Identifiers.quote(queues.column()) + "::text FROM "
                + Identifiers.qualified(schema, queues.table()) + " ORDER BY 1";
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                targets.add(new Target(detect.table().replace("{queue}", rows.getString(1)), rows.getString(1)));
            }
        }
        return targets;
    }

    private record Match(List<ColumnMismatch> mismatches, List<String> foreign, int required) {
        boolean matches() {
            return mismatches.isEmpty() && foreign.isEmpty();
        }

        /**
         * Report only tables clearly meant for this profile (at least half its columns right, none of another
         * system's tell-tale columns), not every table that happens to share its name.
         */
        boolean worthReporting() {
            return foreign.isEmpty() && mismatches.size() * 2 <= required;
        }

        String explain() {
            return String.join("; ", mismatches.stream().map(ColumnMismatch::describe).toList());
        }
    }

    private static Match match(Detect detect, Map<String, String> columns, Catalog catalog, String schema) {
        List<ColumnMismatch> mismatches = new ArrayList<>();
        compare(detect.columns(), columns, "", mismatches);
        int required = detect.columns().size();
        for (Map.Entry<String, List<String>> sibling : detect.tables().entrySet()) {
            // A sibling table counts like its columns: a schema missing one execution table is still a near miss.
            required += Math.max(1, sibling.getValue().size());
            Map<String, String> siblingColumns = catalog.columns(schema, sibling.getKey()).orElse(null);
            if (siblingColumns == null) {
                mismatches.add(new ColumnMismatch(sibling.getKey(), ColumnMismatch.TABLE, null));
            } else {
                compare(sibling.getValue(), siblingColumns, sibling.getKey() + ".", mismatches);
            }
        }
        // An optional column may be missing (its stand-in is used), but where a version has it, it has its type.
        for (String spec : detect.optionalColumns().keySet()) {
            String expected = Detect.columnType(spec);
            String actual = columns.get(Detect.columnName(spec));
            if (actual != null && expected != null && !ColumnTypes.compatible(expected, actual)) {
                mismatches.add(new ColumnMismatch(Detect.columnName(spec), ColumnTypes.describe(expected), actual));
            }
        }
        List<String> foreign = detect.absentColumns().stream().filter(columns::containsKey).toList();
        return new Match(mismatches, foreign, required);
    }

    private static void compare(List<String> specs, Map<String, String> columns, String prefix,
                                List<ColumnMismatch> mismatches) {
        for (String spec : specs) {
            int colon = spec.indexOf(':');
            String name = colon < 0 ? spec : spec.substring(0, colon);
            String expected = colon < 0 ? null : spec.substring(colon + 1);
            String actual = columns.get(name);
            if (actual == null) {
                mismatches.add(new ColumnMismatch(prefix + name, expected == null ? "any type" : expected, null));
            } else if (expected != null && !ColumnTypes.compatible(expected, actual)) {
                mismatches.add(new ColumnMismatch(prefix + name, ColumnTypes.describe(expected), actual));
            }
        }
    }
}
