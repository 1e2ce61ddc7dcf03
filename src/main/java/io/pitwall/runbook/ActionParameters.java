package io.pitwall.runbook;

import io.pitwall.profile.ActionSpec;
import io.pitwall.profile.ActionSpec.ActionParameter;

import java.util.Map;

/**
 * An action's parameters from the operator's text: typed, inside the profile's declared range, or refused before
 * anything is read (exit 2). A liveness threshold's {@code min} is the runbook's floor, so no value can make the
 * action take a row whose holder is alive.
 */
final class ActionParameters {

    private ActionParameters() {
    }

    static void bind(ActionSpec spec, Map<String, String> given, Map<String, Object> values) {
        for (String name : given.keySet()) {
            if (spec.parameter(name).isEmpty()) {
                throw new BadActionRequest("action " + spec.id() + " has no parameter '" + name + "'");
            }
        }
        for (ActionParameter parameter : spec.parameters()) {
            String text = given.getOrDefault(parameter.name(), parameter.defaultValue());
            if (text == null) {
                if (parameter.isRequired()) {
                    throw new BadActionRequest("action " + spec.id() + " needs a value for " + parameter.name() + " ("
                            + parameter.description() + "; on the command line --param " + parameter.name() + "=VALUE)");
                }
                values.put(parameter.name(), null);
                continue;
            }
            values.put(parameter.name(), typed(spec, parameter, text));
        }
    }

    private static Object typed(ActionSpec spec, ActionParameter parameter, String text) {
        switch (parameter.type() == null ? "text" : parameter.type()) {
            case "int" -> {
                int value;
                try {
                    value = Integer.parseInt(text.strip());
                } catch (NumberFormatException e) {
                    throw new BadActionRequest(parameter.name() + " must be a whole number, not '" + text + "'");
                }
                if (parameter.min() != null && value < parameter.min()) {
                    throw new BadActionRequest(parameter.name() + " of action " + spec.id() + " must be at least "
                            + parameter.min() + ", not " + value + " (" + parameter.description() + ")");
                }
                if (parameter.max() != null && value > parameter.max()) {
                    throw new BadActionRequest(parameter.name() + " of action " + spec.id() + " must be at most "
                            + parameter.max() + ", not " + value + " (" + parameter.description() + ")");
                }
                return value;
            }
            case "choice" -> {
                if (!parameter.choices().contains(text)) {
                    throw new BadActionRequest(parameter.name() + " must be one of " + parameter.choices() + ", not '" + text + "'");
                }
                return text;
            }
            default -> {
                return text;
            }
        }
    }
}
