package org.flowlab.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** Starts the JavaFX platform once for tests that build controls without a window. */
public final class FxPlatform {

    private FxPlatform() {}

    /**
     * Starts the FX platform, or does nothing if it is already running.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public static void start() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        assertTrue(started.await(30, TimeUnit.SECONDS), "the FX platform did not start");
    }
}
