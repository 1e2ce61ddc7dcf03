package io.pitwall.ui.timeline;

import io.pitwall.queue.Span;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a Gantt chart: one per task, and right under it one per history source of that task, so a task's
 * runs (its retries) sit side by side as separate segments of one row and its checkpoints as markers on another.
 */
record Lanes(List<Lane> lanes) {

    record Lane(String taskId, String source, String label, String sublabel, List<Span> spans) {
        boolean history() {
            return !"task".equals(source);
        }
    }

    static Lanes of(List<Span> spans) {
        Map<String, Map<String, List<Span>>> byTask = new LinkedHashMap<>();
        for (Span span : spans) {
            Map<String, List<Span>> sources = byTask.computeIfAbsent(span.taskId(), id -> new LinkedHashMap<>());
            if ("task".equals(span.source()) && !sources.containsKey("task")) {
                // Keep the task's own row first whatever started first.
                Map<String, List<Span>> reordered = new LinkedHashMap<>();
                reordered.put("task", new ArrayList<>());
                reordered.putAll(sources);
                sources.clear();
                sources.putAll(reordered);
            }
            sources.computeIfAbsent(span.source(), s -> new ArrayList<>()).add(span);
        }
        List<Lane> lanes = new ArrayList<>();
        byTask.forEach((taskId, sources) -> sources.forEach((source, list) -> {
            Span first = list.getFirst();
            String label = "task".equals(source) ? (first.kind() == null || first.kind().isBlank() ? "task" : first.kind())
                    : "↳ " + plural(source, list.size());
            List<List<Span>> rows = pack(list);
            for (int i = 0; i < rows.size(); i++) {
                lanes.add(new Lane(taskId, source, i == 0 ? label : "", i == 0 && "task".equals(source) ? shortId(taskId) : "",
                        List.copyOf(rows.get(i))));
            }
        }));
        return new Lanes(List.copyOf(lanes));
    }

    /**
     * Spans that follow one another (a task's retries) share a row; spans that overlap in time (events with no
     * times of their own, parallel attempts) each get a row of their own, so no bar hides another.
     */
    static List<List<Span>> pack(List<Span> spans) {
        List<List<Span>> rows = new ArrayList<>();
        List<java.time.Instant> rowEnds = new ArrayList<>();
        for (Span span : spans) {
            java.time.Instant start = span.start();
            java.time.Instant end = span.end() == null ? java.time.Instant.MAX : span.end();
            int row = -1;
            for (int i = 0; i < rows.size() && start != null; i++) {
                if (!rowEnds.get(i).isAfter(start) && !(span.instant() && rowEnds.get(i).equals(start)
                        && rows.get(i).getLast().instant())) {
                    row = i;
                    break;
                }
            }
            if (row < 0) {
                rows.add(new ArrayList<>());
                rowEnds.add(java.time.Instant.MIN);
                row = rows.size() - 1;
            }
            rows.get(row).add(span);
            rowEnds.set(row, start == null ? rowEnds.get(row) : end);
        }
        return rows;
    }

    private static String plural(String source, int n) {
        return n + " " + source + (n == 1 ? "" : source.endsWith("s") ? "es" : "s");
    }

    /** Enough of an id to tell rows apart: the random end of a uuid (a v7 uuid starts with its time). */
    static String shortId(String id) {
        if (id == null) {
            return "";
        }
        return id.length() > 13 && id.charAt(8) == '-' ? "…" + id.substring(id.length() - 8) : "#" + id;
    }
}
