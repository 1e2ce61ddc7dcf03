package io.pitwall.ui.tasks;

import javafx.concurrent.Task;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** Writes an exported table on the executor, never on the FX thread; the outcome is told on the FX thread. */
final class CsvFile {

    private CsvFile() {
    }

    static void write(Executor executor, Path file, String csv, Runnable done, Consumer<Throwable> failed) {
        Task<Void> task = new Task<>() {
            @Override
            protected Void call() throws Exception {
                Files.writeString(file, csv, StandardCharsets.UTF_8);
                return null;
            }
        };
        task.setOnSucceeded(e -> done.run());
        task.setOnFailed(e -> failed.accept(task.getException()));
        executor.execute(task);
    }
}
