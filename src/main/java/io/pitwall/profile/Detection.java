package io.pitwall.profile;

import java.util.List;

/** What detection found in one database: usable bindings, and near misses worth telling the operator about. */
public record Detection(List<Binding> bindings, List<DetectionProblem> problems) {

    public Detection {
        bindings = List.copyOf(bindings);
        problems = List.copyOf(problems);
    }

    public List<Binding> forProfile(String profileId) {
        return bindings.stream().filter(b -> b.profile().id().equals(profileId)).toList();
    }
}
