package io.pitwall.ui.runbook;

import io.pitwall.profile.ActionSpec;
import io.pitwall.runbook.ActionRequest;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.LinkedHashMap;
import java.util.Map;

/** An action's parameters as form fields: given values first, then the profile's defaults; blanks are not sent. */
final class ActionParameters {

    private ActionParameters() {
    }

    static Map<String, StringProperty> fields(ActionSpec spec, ActionRequest request) {
        Map<String, StringProperty> fields = new LinkedHashMap<>();
        for (ActionSpec.ActionParameter parameter : spec.parameters()) {
            String given = request.parameters().get(parameter.name());
            fields.put(parameter.name(), new SimpleStringProperty(given != null ? given
                    : parameter.defaultValue() != null ? parameter.defaultValue() : ""));
        }
        return fields;
    }

    static Map<String, String> values(Map<String, StringProperty> fields) {
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (value.get() != null && !value.get().isBlank()) {
                values.put(name, value.get().strip());
            }
        });
        return values;
    }
}
