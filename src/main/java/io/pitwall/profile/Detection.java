package io.pitwall.profile;

import java.util.List;

/**
 * What detection found in one database: usable bindings, near misses worth telling the operator about, and
 * profiles whose table is here but whose SQL the database rejects (set aside, so they never block the others).
 */
public record Detection(List<Binding> bindings, List<DetectionProblem> problems, List<BrokenBinding> broken) {

    public Detection {
        bindings = List.copyOf(bindings);
        problems = List.copyOf(problems);
        broken = broken == null ? List.of() : List.copyOf(broken);
    }

    public Detection(List<Binding> bindings, List<DetectionProblem> problems) {
        this(bindings, problems, List.of());
    }

    /** The set-aside bindings of one profile. */
    public List<BrokenBinding> brokenForProfile(String profileId) {
        return broken.stream().filter(b -> b.profile().id().equals(profileId)).toList();
    }

    public List<Binding> forProfile(String profileId) {
        return bindings.stream().filter(b -> b.profile().id().equals(profileId)).toList();
    }
}
