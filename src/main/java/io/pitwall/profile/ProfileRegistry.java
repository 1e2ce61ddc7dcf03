package io.pitwall.profile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The profiles this run knows, what was wrong with the files that could not be loaded, and which file each
 * profile came from ({@code builtin:NAME} for the built-ins), so a later error can name it.
 * <p>
 * One id may have several versions (DSA-110's {@code absurd.t_tasks} and {@code absurd.tasks}): each is its own
 * {@link Profile} with the same id and its own {@code version}; a database binds the one whose table it has.
 */
public record ProfileRegistry(List<Profile> profiles, List<ProfileProblem> problems, Map<String, String> files) {

    public ProfileRegistry {
        profiles = List.copyOf(profiles);
        problems = List.copyOf(problems);
        files = files == null ? Map.of() : Map.copyOf(files);
    }

    public ProfileRegistry(List<Profile> profiles, List<ProfileProblem> problems) {
        this(profiles, problems, Map.of());
    }

    /** The first version of a profile id. */
    public Optional<Profile> find(String id) {
        return profiles.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Every version of a profile id, in load order. */
    public List<Profile> versions(String id) {
        return profiles.stream().filter(p -> p.id().equals(id)).toList();
    }

    /** The version of a profile id that reads this table (an audit entry's), else the first version. */
    public Optional<Profile> find(String id, String table) {
        return versions(id).stream().filter(p -> p.detect().tableMatches(table)).findFirst().or(() -> find(id));
    }

    /** The file a profile was read from, or {@code (unknown file)}. */
    public String file(Profile profile) {
        return files.getOrDefault(key(profile), "(unknown file)");
    }

    static String key(Profile profile) {
        return profile.version() == null ? profile.id() : profile.id() + "@" + profile.version();
    }
}
