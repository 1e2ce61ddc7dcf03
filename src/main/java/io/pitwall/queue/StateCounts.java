package io.pitwall.queue;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Task counts per canonical state; immutable. States with no tasks read as 0. */
public record StateCounts(Map<CanonicalState, Long> values) {

    public static final StateCounts EMPTY = new StateCounts(Map.of());

    public StateCounts {
        EnumMap<CanonicalState, Long> copy = new EnumMap<>(CanonicalState.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
    }

    public long get(CanonicalState state) {
        return values.getOrDefault(state, 0L);
    }

    public long total() {
        return values.values().stream().mapToLong(Long::longValue).sum();
    }

    public StateCounts plus(StateCounts other) {
        EnumMap<CanonicalState, Long> sum = new EnumMap<>(CanonicalState.class);
        sum.putAll(values);
        other.values.forEach((state, n) -> sum.merge(state, n, Long::sum));
        return new StateCounts(sum);
    }

    public StateCounts plus(CanonicalState state, long n) {
        EnumMap<CanonicalState, Long> sum = new EnumMap<>(CanonicalState.class);
        sum.putAll(values);
        sum.merge(state, n, Long::sum);
        return new StateCounts(sum);
    }
}
