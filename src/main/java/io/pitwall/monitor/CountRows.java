package io.pitwall.monitor;

import io.pitwall.profile.Profile;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.KindCounts;
import io.pitwall.queue.QueueCounts;
import io.pitwall.queue.StateCounts;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Adds up rows of (queue, kind, raw state, n) into the totals, kinds, queues and raw counts of one binding. */
final class CountRows {

    private final Profile profile;
    private StateCounts total = StateCounts.EMPTY;
    private final Map<String, StateCounts> byKind = new TreeMap<>();
    private final Map<String, Map<String, StateCounts>> byQueue = new TreeMap<>();
    private final Map<String, Long> raw = new TreeMap<>();

    CountRows(Profile profile) {
        this.profile = profile;
    }

    void add(String queue, String kind, String rawState, long n) {
        CanonicalState state = profile.canonical(rawState);
        StateCounts one = StateCounts.EMPTY.plus(state, n);
        total = total.plus(one);
        String kindKey = kind == null ? "" : kind;
        byKind.merge(kindKey, one, StateCounts::plus);
        if (queue != null) {
            byQueue.computeIfAbsent(queue, q -> new TreeMap<>()).merge(kindKey, one, StateCounts::plus);
        }
        raw.merge(rawState == null ? "(null)" : rawState, n, Long::sum);
    }

    /** An estimated count of one raw state: it adds to the totals, but has no breakdown per kind or queue. */
    void addEstimate(String rawState, long n) {
        total = total.plus(profile.canonical(rawState), n);
        raw.merge(rawState, n, Long::sum);
    }

    StateCounts total() {
        return total;
    }

    List<KindCounts> kinds() {
        return kindList(byKind);
    }

    /** One entry per queue value seen, in name order; empty where the profile has no {@code tasks.queue}. */
    List<QueueCounts> queues() {
        return byQueue.entrySet().stream().map(e -> new QueueCounts(e.getKey(),
                e.getValue().values().stream().reduce(StateCounts.EMPTY, StateCounts::plus),
                kindList(e.getValue()))).toList();
    }

    Map<String, Long> raw() {
        return raw;
    }

    private static List<KindCounts> kindList(Map<String, StateCounts> kinds) {
        return kinds.entrySet().stream().map(e -> new KindCounts(e.getKey(), e.getValue())).toList();
    }
}
