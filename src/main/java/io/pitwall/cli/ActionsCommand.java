package io.pitwall.cli;

import io.pitwall.profile.ActionSpec;
import io.pitwall.profile.Profile;
import io.pitwall.profile.ProfileRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "actions", mixinStandardHelpOptions = true,
        description = "The actions a profile offers, with their parameters and guards.")
final class ActionsCommand implements Callable<Integer> {

    private final Output output;

    @Option(names = "--profile", paramLabel = "ID", required = true, description = "the profile")
    String profileId;

    @Option(names = "--json", description = "print one JSON document on stdout")
    boolean json;

    ActionsCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() {
        ProfileRegistry registry = DatabaseOptions.profiles();
        Profile profile = ProfileChoice.known(registry, profileId);
        List<Profile> versions = registry.versions(profile.id());
        // One id may have several schema versions (DSA-110): list each action once, with the versions that offer it.
        Map<String, ActionSpec> actions = new LinkedHashMap<>();
        Map<String, List<String>> offeredBy = new LinkedHashMap<>();
        for (Profile version : versions) {
            for (ActionSpec action : version.actions()) {
                actions.putIfAbsent(action.id(), action);
                offeredBy.computeIfAbsent(action.id(), id -> new java.util.ArrayList<>()).add(version.version());
            }
        }
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("profile", profile.id());
            document.put("actions", actions.values().stream().map(action -> {
                Map<String, Object> entry = json(profile, action);
                if (versions.size() > 1) {
                    entry.put("versions", offeredBy.get(action.id()));
                }
                return entry;
            }).toList());
            output.json(document);
        } else {
            if (actions.isEmpty()) {
                output.line(profile.id() + " offers no actions");
            }
            for (ActionSpec action : actions.values()) {
                output.line(String.format("%-18s %s", action.id(), action.title()));
                if (action.description() != null) {
                    output.line("    " + action.description());
                }
                for (ActionSpec.ActionParameter p : action.parameters()) {
                    output.line("    --param " + p.name() + "=" + (p.choices().isEmpty() ? p.type() : String.join("|", p.choices()))
                            + (p.defaultValue() != null ? " (default " + p.defaultValue() + ")" : p.isRequired() ? " (required)" : "")
                            + "  " + p.description());
                }
                if (versions.size() > 1) {
                    output.line("    schema versions: " + String.join("; ", offeredBy.get(action.id())));
                }
                List<String> needs = new java.util.ArrayList<>();
                action.requiresFunction().forEach(f -> needs.add("function " + f + "()"));
                action.requiresColumn().forEach(c -> needs.add("column " + c));
                if (!needs.isEmpty()) {
                    output.line("    offered only where the database has: " + String.join(", ", needs));
                }
                if (!action.requires().isEmpty()) {
                    output.line("    requires: " + String.join(", ", action.requires().stream().map(r -> "--" + r).toList()));
                }
                if (action.isDestructive()) {
                    output.line("    destructive: ends or removes work");
                }
                output.line("    undo: " + (action.undoable() ? "yes" : "no" + (action.noUndo() != null ? " (" + action.noUndo() + ")" : "")));
            }
        }
        return ExitCodes.DONE;
    }

    private static Map<String, Object> json(Profile profile, ActionSpec action) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", action.id());
        entry.put("title", action.title());
        entry.put("verb", action.verb());
        // As the profile says it: true ends or removes work, false moves it along, null the profile does not say.
        entry.put("destructive", action.destructive());
        entry.put("description", action.description());
        entry.put("requires", action.requires());
        entry.put("parameters", action.parameters().stream().map(p -> {
            Map<String, Object> parameter = new LinkedHashMap<>();
            parameter.put("name", p.name());
            parameter.put("type", p.type() == null ? "text" : p.type());
            parameter.put("required", p.isRequired());
            parameter.put("default", p.defaultValue());
            if (!p.choices().isEmpty()) {
                parameter.put("choices", p.choices());
            }
            if (p.min() != null) {
                parameter.put("min", p.min());
            }
            if (p.max() != null) {
                parameter.put("max", p.max());
            }
            parameter.put("description", p.description());
            return parameter;
        }).toList());
        entry.put("requiresFunction", action.requiresFunction());
        entry.put("requiresColumn", action.requiresColumn());
        if (action.warning() != null) {
            entry.put("warning", action.warning());
        }
        // --stuck takes the action's own stuck SQL, else the profile's stuck rules for what the action acts on
        entry.put("stuckSelector", action.stuck() != null
                || profile.stuck().stream().anyMatch(r -> r.object().equals(action.objectOrTask())));
        entry.put("guards", action.guards().stream().map(ActionSpec.ActionGuard::reason).toList());
        entry.put("undo", action.undoable());
        if (!action.undoable() && action.noUndo() != null) {
            entry.put("noUndo", action.noUndo());
        }
        return entry;
    }

    static List<String> ids(Profile profile) {
        return profile.actions().stream().map(ActionSpec::id).toList();
    }

    /** The action ids of every version of a profile id. */
    static List<String> ids(ProfileRegistry registry, String profileId) {
        return registry.versions(profileId).stream().flatMap(p -> p.actions().stream()).map(ActionSpec::id).distinct().toList();
    }
}
