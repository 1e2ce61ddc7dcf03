package io.pitwall.ui.timeline;

import io.pitwall.queue.Span;
import io.pitwall.queue.StuckItem;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The details card that follows the mouse over a bar: one shared node, so hovering costs nothing to build. */
final class SpanHover extends VBox {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz").withZone(ZoneId.systemDefault());

    private final Label title = new Label();
    private final Label state = new Label();
    private final Label times = new Label();
    private final Label detail = new Label();
    private final Label verdict = new Label();

    SpanHover() {
        super(3);
        getStyleClass().add("gantt-hover");
        title.getStyleClass().add("gantt-hover-title");
        detail.setWrapText(true);
        detail.getStyleClass().add("gantt-hover-detail");
        detail.setMaxWidth(420);
        verdict.setWrapText(true);
        verdict.setMaxWidth(420);
        verdict.getStyleClass().add("gantt-hover-stuck");
        getChildren().addAll(title, state, verdict, times, detail);
        setVisible(false);
        setMouseTransparent(true);
        setManaged(false);
    }

    /** The span's details; a stuck span's rules and evidence come right under its state, before its times. */
    void show(Span span, List<StuckItem> stuck, Instant now, double x, double y, double width) {
        title.setText((span.kind() == null || span.kind().isBlank() ? span.source() : span.kind())
                + "  ·  " + span.source() + " " + span.id());
        state.setText(span.state().name() + (span.rawState() != null && !span.rawState().equalsIgnoreCase(span.state().name())
                ? "  (" + span.rawState() + ")" : ""));
        state.getStyleClass().setAll("label", "state-" + span.state().name().toLowerCase());
        if (!stuck.isEmpty()) {
            state.getStyleClass().setAll("label", "gantt-hover-stuck");
            state.setText(state.getText() + "  —  " + SpanPainter.stuckLength(span, stuck, now)
                    + " past its threshold");
        }
        verdict.setText(stuck.stream().map(item -> "stuck · " + item.rule() + ": " + item.evidence())
                .collect(java.util.stream.Collectors.joining("\n")));
        verdict.setVisible(!stuck.isEmpty());
        verdict.setManaged(!stuck.isEmpty());
        StringBuilder text = new StringBuilder();
        if (span.queuedAt() != null && !span.queuedAt().equals(span.start())) {
            text.append("queued   ").append(TIME.format(span.queuedAt())).append('\n');
        }
        text.append("start    ").append(span.start() == null ? "unknown" : TIME.format(span.start())).append('\n');
        text.append("end      ").append(span.end() == null ? "still open" : TIME.format(span.end())).append('\n');
        text.append("duration ").append(duration(span, now));
        times.setText(text.toString());
        times.getStyleClass().setAll("label", "gantt-hover-times");
        detail.setText(span.detail() == null ? "" : span.detail());
        detail.setVisible(span.detail() != null);
        detail.setManaged(span.detail() != null);
        applyCss();
        autosize();
        double left = x + 16 + getWidth() > width ? x - getWidth() - 12 : x + 16;
        relocate(Math.max(0, left), y + 14);
        toFront();
        setVisible(true);
    }

    void hide() {
        setVisible(false);
    }

    static String duration(Span span, Instant now) {
        if (span.start() == null) {
            return "";
        }
        long seconds = Math.max(0, Duration.between(span.start(), span.end() != null ? span.end() : now).toSeconds());
        String text = seconds < 60 ? seconds + " s" : seconds < 3600 ? seconds / 60 + " min " + seconds % 60 + " s"
                : seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
        return span.end() == null ? text + " so far" : text;
    }
}
