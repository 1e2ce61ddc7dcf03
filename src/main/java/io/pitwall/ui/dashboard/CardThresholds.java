package io.pitwall.ui.dashboard;

import io.pitwall.connect.SavedChecks;
import io.pitwall.monitor.health.Figures;
import io.pitwall.queue.HealthMetric;
import io.pitwall.queue.HealthThreshold;
import javafx.concurrent.Task;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The cards' thresholds, kept with the connection: the {@code check} command's {@code checks.json}, the connection's
 * section (and {@code *}), so the console and {@code pitwall check --connection NAME} judge a queue alike. Read and
 * written on the executor, never on the FX thread.
 */
final class CardThresholds {

    private final SavedChecks store;
    private final Executor executor;
    private List<HealthThreshold> saved = List.of();
    private String connection;
    private String problem = "";

    CardThresholds(SavedChecks store, Executor executor) {
        this.store = store;
        this.executor = executor;
    }

    /** Forgets the last connection's thresholds and reads this one's; {@code loaded} runs on the FX thread. */
    void load(String connectionName, Runnable loaded) {
        connection = connectionName;
        saved = List.of();
        problem = "";
        String asked = connectionName;
        run(() -> read(asked), result -> {
            if (asked.equals(connection)) {
                saved = result;
                loaded.run();
            }
        }, loaded);
    }

    /** Saves one queue's thresholds in the connection's section, then applies what the file now says. */
    void save(QueueCardModel card, QueueThresholds limits, Runnable saved, Consumer<String> failed) {
        String asked = connection;
        if (asked == null) {
            failed.accept("no connection to keep thresholds with");
            return;
        }
        Map<String, String> texts = limits.asCheckLimits();
        run(() -> {
            store.setScope(asked, QueueThresholds.scope(card.profileId(), card.queue()), texts);
            return read(asked);
        }, result -> {
            if (asked.equals(connection)) {
                this.saved = result;
                saved.run();
            }
        }, () -> failed.accept(problem));
    }

    /** This card's thresholds by what is saved: its own scope, else a wider one, else the defaults. */
    void applyTo(QueueCardModel card) {
        card.thresholdsProperty().set(QueueThresholds.resolve(saved, card.profileId(), card.queue()));
    }

    /** Why the saved thresholds could not be read or written, or "" when they could. */
    String problem() {
        return problem;
    }

    /** Where they are kept, for the editor to say. */
    String where() {
        return store.file() + ", section \"" + connection + "\"";
    }

    private List<HealthThreshold> read(String connectionName) throws IOException {
        List<HealthThreshold> thresholds = new ArrayList<>();
        for (var entry : store.forConnection(connectionName).entrySet()) {
            HealthMetric metric;
            try {
                metric = HealthMetric.of(entry.getKey());
            } catch (IllegalArgumentException e) {
                throw new IOException(store.file() + ": " + e.getMessage());
            }
            for (String text : entry.getValue()) {
                try {
                    thresholds.add(HealthThreshold.parse(metric, text));
                } catch (IllegalArgumentException e) {
                    throw new IOException(store.file() + ": \"" + metric.id() + "\": \"" + text + "\": " + e.getMessage());
                }
            }
        }
        return List.copyOf(thresholds);
    }

    private interface Read {
        List<HealthThreshold> call() throws IOException;
    }

    private void run(Read read, Consumer<List<HealthThreshold>> succeeded, Runnable failed) {
        Task<List<HealthThreshold>> task = new Task<>() {
            @Override
            protected List<HealthThreshold> call() throws Exception {
                return read.call();
            }
        };
        task.setOnSucceeded(e -> {
            problem = "";
            succeeded.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            Throwable error = task.getException();
            problem = "Saved thresholds: " + error.getMessage();
            failed.run();
        });
        executor.execute(task);
    }

    static String queueOf(io.pitwall.queue.QueueStatus status) {
        return Figures.queueName(status);
    }
}
