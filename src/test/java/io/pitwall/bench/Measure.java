package io.pitwall.bench;

import io.pitwall.queue.CanonicalState;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per named read: each round's database time, statements and client time, and what the last round showed. */
final class Measure {

    interface Read {
        Object run() throws Exception;
    }

    private final DbTime dbTime;
    private final Map<String, double[][]> series = new LinkedHashMap<>();
    private final Map<String, Integer> rounds = new HashMap<>();
    private final Map<String, Object> shown = new HashMap<>();

    Measure(DbTime dbTime) {
        this.dbTime = dbTime;
    }

    void time(String name, Read read) throws Exception {
        double[][] values = series.computeIfAbsent(name, n -> new double[3][CountBenchmark.ROUNDS]);
        int round = rounds.merge(name, 1, Integer::sum) - 1;
        dbTime.reset();
        long start = System.nanoTime();
        Object result = read.run();
        values[2][round] = (System.nanoTime() - start) / 1e6;
        DbTime.Spent spent = dbTime.read();
        values[0][round] = spent.millis();
        values[1][round] = spent.statements();
        if (Boolean.getBoolean("bench.top") && round == CountBenchmark.ROUNDS - 1) {
            System.err.println(name + ":");
            dbTime.top(10).forEach(line -> System.err.println("  " + line));
        }
        shown.put(name, result);
    }

    List<String> names() {
        return List.copyOf(series.keySet());
    }

    double[] db(String name) {
        return series.get(name)[0];
    }

    double[] statements(String name) {
        return series.get(name)[1];
    }

    double[] client(String name) {
        return series.get(name)[2];
    }

    @SuppressWarnings("unchecked")
    Map<CanonicalState, Long> shown(String name) {
        return (Map<CanonicalState, Long>) shown.get(name);
    }
}
