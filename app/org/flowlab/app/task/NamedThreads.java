package org.flowlab.app.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Single named daemon threads for background work, at background CPU priority. */
final class NamedThreads {

    private NamedThreads() {}

    static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(
                    () -> {
                        BackgroundPriority.lowerCurrentThread();
                        r.run();
                    },
                    name);
            t.setDaemon(true);
            return t;
        });
    }
}
