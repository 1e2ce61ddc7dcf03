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
            lanes.add(new Lane(taskId, source, label, "task".equals(source) ? shortId(taskId) : "", List.copyOf(list)));
        }));
        return new Lanes(List.copyOf(lanes));
    }

    private static String plural(String source, int n) {
        return n + " " + source + (n == 1 ? "" : source.endsWith("s") ? "es" : "s");
    }

    /** Enough of an id to tell rows apart: uuids are long, their first block is usually unique in a pipeline. */
    static String shortId(String id) {
        if (id == null) {
            return "";
        }
        return id.length() > 13 && id.charAt(8) == '-' ? id.substring(0, 8) + "…" : "#" + id;
    }
}
