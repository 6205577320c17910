package org.flowlab.app.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.flowlab.testing.FxPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one trainer: claims, a start that asks, the queue behind a run, interleaved jobs, close. */
class AppTrainerTest {

    @BeforeAll
    static void startFx() throws Exception {
        FxPlatform.start();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        FutureTask<T> task = new FutureTask<>(c);
        Platform.runLater(task);
        return task.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aSecondOwnerIsRefusedWhileTheFirstHoldsTheTrainer() throws Exception {
        AppTrainer trainer = new AppTrainer();
        Object lab = new Object();
        Object compare = new Object();
        try {
            assertTrue(fx(() -> trainer.claim(lab, "Lab", () -> {})));
            assertTrue(fx(() -> trainer.claim(lab, "Lab again", () -> {})), "the owner may claim again");
            assertFalse(fx(() -> trainer.claim(compare, "Compare", () -> {})));
            fx(() -> {
                trainer.release(compare);
                return null;
            });
            assertEquals(lab, trainer.activeProperty().get().owner(), "a stranger cannot release");
            fx(() -> {
                trainer.release(lab);
                return null;
            });
            assertNull(trainer.activeProperty().get());
            assertTrue(fx(() -> trainer.claim(compare, "Compare", () -> {})));
        } finally {
            fx(() -> {
                trainer.close();
                return null;
            });
        }
    }

    @Test
    void aStartThatIsDeclinedStartsNothingAndOneThatIsAcceptedWaitsForTheRelease() throws Exception {
        AppTrainer trainer = new AppTrainer();
        Object lab = new Object();
        Object compare = new Object();
        List<String> events = new ArrayList<>();
        AtomicInteger asked = new AtomicInteger();
        try {
            fx(() -> trainer.start(
                    lab, "Lab: phi4", () -> events.add("lab stop asked"), () -> events.add("lab started")));
            // when: the user declines
            fx(() -> {
                trainer.setConflictPolicy((running, wanted) -> {
                    asked.incrementAndGet();
                    assertEquals("Lab: phi4", running.description());
                    return false;
                });
                return null;
            });
            assertFalse(fx(() -> trainer.start(compare, "Compare", () -> {}, () -> events.add("compare started"))));
            assertEquals(List.of("lab started"), events);
            // when: the user agrees
            fx(() -> {
                trainer.setConflictPolicy((running, wanted) -> asked.incrementAndGet() > 0);
                return null;
            });
            assertTrue(fx(() -> trainer.start(compare, "Compare", () -> {}, () -> events.add("compare started"))));
            // then: the Lab is asked to stop, and Compare starts only once the Lab has released
            assertEquals(List.of("lab started", "lab stop asked"), events);
            assertTrue(trainer.isPending(compare));
            fx(() -> {
                trainer.release(lab);
                return null;
            });
            assertEquals(List.of("lab started", "lab stop asked", "compare started"), events);
            assertEquals(compare, trainer.activeProperty().get().owner());
            assertEquals(2, asked.get());
        } finally {
            fx(() -> {
                trainer.close();
                return null;
            });
        }
    }

    @Test
    void workRunsInOrderOnOneThreadAndInterleavedJobsRunBetweenSteps() throws Exception {
        AppTrainer trainer = new AppTrainer();
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch jobRan = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        try {
            // given: a long loop that calls runInterleaved between its steps
            trainer.submit(() -> {
                for (int step = 0; step < 200 && jobRan.getCount() > 0; step++) {
                    order.add("step on " + Thread.currentThread().getName());
                    trainer.runInterleaved();
                    sleep(5);
                }
                order.add("loop ended");
            });
            trainer.submit(() -> {
                order.add("second work");
                done.countDown();
            });
            // when: a job is interleaved while the loop runs
            sleep(50);
            trainer.interleave(() -> {
                order.add("job on " + Thread.currentThread().getName());
                jobRan.countDown();
            });
            // then: it runs inside the loop, before the loop ends and before the queued work
            assertTrue(jobRan.await(20, TimeUnit.SECONDS));
            assertTrue(done.await(20, TimeUnit.SECONDS));
            int job = order.indexOf("job on trainer-1");
            assertTrue(job > 0, order.toString());
            assertTrue(
                    job < order.indexOf("loop ended") && order.indexOf("loop ended") < order.indexOf("second work"),
                    order.toString());
            assertTrue(order.stream().filter(s -> s.startsWith("step")).allMatch(s -> s.endsWith("trainer-1")));
        } finally {
            fx(() -> {
                trainer.close();
                return null;
            });
        }
    }

    @Test
    void closeStopsTheRunAndIsSafeTwiceAndLaterWorkIsDropped() throws Exception {
        AppTrainer trainer = new AppTrainer();
        Object lab = new Object();
        AtomicInteger stops = new AtomicInteger();
        fx(() -> trainer.claim(lab, "Lab", stops::incrementAndGet));
        fx(() -> {
            trainer.close();
            trainer.close();
            return null;
        });
        assertEquals(1, stops.get());
        assertTrue(trainer.isClosed());
        assertTrue(trainer.submit(() -> {}).isCancelled(), "no work after close, and no exception");
        assertFalse(fx(() -> trainer.claim(new Object(), "late", () -> {})));
        assertTrue(trainer.isTerminated(), "both threads have ended");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
