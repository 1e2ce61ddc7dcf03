package io.pitwall.profile;

import java.util.List;
import java.util.Optional;

/** The profiles this run knows, and what was wrong with the files that could not be loaded. */
public record ProfileRegistry(List<Profile> profiles, List<ProfileProblem> problems) {

    public ProfileRegistry {
        profiles = List.copyOf(profiles);
        problems = List.copyOf(problems);
    }

    public Optional<Profile> find(String id) {
        return profiles.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
