package io.pitwall.profile;

import java.util.List;

/**
 * A profile whose table is in the database but whose SQL the database rejects: set aside, so every other profile
 * still works, and shown with what to fix.
 *
 * @param where    {@code schema.table}
 * @param problems each failing field: file, field and the database's own message
 */
public record BrokenBinding(Profile profile, String where, String queue, List<ProfileProblem> problems) {

    public BrokenBinding {
        problems = List.copyOf(problems);
    }

    /** One line for an operator: the profile, the place and the first problem. */
    public String summary() {
        return "profile '" + profile.id() + "' set aside on " + where + ": " + problems.getFirst()
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
    }
}
