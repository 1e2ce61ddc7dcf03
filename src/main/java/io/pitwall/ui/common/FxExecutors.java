package io.pitwall.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Background executors for screens: daemon threads, so a hung query never keeps the app from closing. */
public final class FxExecutors {

    private FxExecutors() {
    }

    public static ExecutorService background(String name) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
