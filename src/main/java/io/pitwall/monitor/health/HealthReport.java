package io.pitwall.monitor.health;

import io.pitwall.queue.HealthBreach;
import io.pitwall.queue.HealthSeverity;

import java.util.List;

/**
 * A check's result: the worst severity, each breach (worst first), and how much was looked at.
 *
 * @param queues  queues the check read
 * @param judged  figures that had a threshold
 */
public record HealthReport(HealthSeverity severity, List<HealthBreach> breaches, int queues, int judged) {

    public HealthReport {
        breaches = List.copyOf(breaches);
    }

    public long count(HealthSeverity wanted) {
        return breaches.stream().filter(b -> b.severity() == wanted).count();
    }

    /** The plugin convention's first line: "PITWALL CRITICAL - 1 critical, 2 warnings in 9 queues". */
    public String summary() {
        if (breaches.isEmpty()) {
            return "PITWALL OK - " + judged + " figures within their thresholds in " + queues + " queues";
        }
        long critical = count(HealthSeverity.CRITICAL);
        long warning = count(HealthSeverity.WARNING);
        StringBuilder text = new StringBuilder("PITWALL ").append(severity).append(" - ");
        if (critical > 0) {
            text.append(critical).append(" critical");
        }
        if (warning > 0) {
            text.append(critical > 0 ? ", " : "").append(warning).append(warning == 1 ? " warning" : " warnings");
        }
        return text.append(" in ").append(queues).append(" queues").toString();
    }
}
