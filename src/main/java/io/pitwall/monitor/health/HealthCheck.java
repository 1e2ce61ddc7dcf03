package io.pitwall.monitor.health;

import io.pitwall.queue.HealthBreach;
import io.pitwall.queue.HealthFigure;
import io.pitwall.queue.HealthReading;
import io.pitwall.queue.HealthSeverity;
import io.pitwall.queue.HealthThreshold;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Judges a reading's figures against thresholds; the most narrowly scoped threshold of a figure decides. */
public final class HealthCheck {

    private final List<HealthThreshold> thresholds;

    public HealthCheck(List<HealthThreshold> thresholds) {
        this.thresholds = List.copyOf(thresholds);
    }

    public HealthReport judge(HealthReading reading) {
        List<HealthBreach> breaches = new ArrayList<>();
        int judged = 0;
        for (HealthFigure figure : Figures.of(reading)) {
            Optional<HealthThreshold> threshold = thresholdFor(figure);
            if (threshold.isEmpty()) {
                continue;
            }
            judged++;
            HealthSeverity severity = threshold.get().judge(figure.value());
            if (severity != HealthSeverity.OK) {
                breaches.add(new HealthBreach(severity, figure.metric(), figure.profileId(), figure.queue(),
                        figure.kind(), figure.value(), threshold.get()));
            }
        }
        breaches.sort(Comparator.comparing(HealthBreach::severity).reversed()
                .thenComparing(b -> b.metric().ordinal())
                .thenComparing(HealthBreach::profileId).thenComparing(HealthBreach::queue));
        HealthSeverity worst = breaches.stream().map(HealthBreach::severity)
                .reduce(HealthSeverity.OK, HealthSeverity::worst);
        return new HealthReport(worst, breaches, reading.status().queues().size(), judged);
    }

    private Optional<HealthThreshold> thresholdFor(HealthFigure figure) {
        return thresholds.stream()
                .filter(t -> t.metric() == figure.metric() && t.covers(figure.profileId(), figure.queue(), figure.kind()))
                .max(Comparator.comparingInt(HealthThreshold::specificity));
    }
}
