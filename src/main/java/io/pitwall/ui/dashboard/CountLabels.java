package io.pitwall.ui.dashboard;

import atlantafx.base.theme.Styles;
import io.pitwall.queue.CountAccuracy;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/** What a card says about how each of its numbers was obtained. */
final class CountLabels {

    private CountLabels() {
    }

    /** An estimated state has a total but no count per kind or queue. */
    static Label noBreakdown() {
        Label none = new Label("–");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        none.setTooltip(new Tooltip("estimated or counted in the background for the whole table only: no count per kind or queue"));
        return none;
    }

    static String describe(CountAccuracy how) {
        if (how.method() == CountAccuracy.Method.COUNTED) {
            return "exact when " + how.ageText(java.time.Instant.now()) + " in the background ("
                    + ("index".equals(how.source()) ? "from an index" : "the whole table") + "), not with each refresh";
        }
        return switch (how.source()) {
            case "index" -> "exact, counted now from an index";
            case "full count" -> "exact, counted now";
            default -> how.exact() ? "exact" : "≈ estimated by the planner";
        };
    }
}
