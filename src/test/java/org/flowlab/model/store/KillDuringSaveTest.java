package org.flowlab.model.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM trains and saves a run over and over and is killed (SIGKILL) at random moments,
 * twenty times; after every kill the run directory holds one complete save, which loads and
 * resumes, and the next save leaves no temporaries or old generations behind.
 */
class KillDuringSaveTest {

    private static final int KILLS = 20;

    @TempDir
    Path dir;

    private static RunSpec spec(int steps) {
        return RunSpec.create(
                "phi4",
                Map.of("L", "4", "m2", "1", "lambda", "0.5"),
                "realnvp",
                Map.of("layers", "2", "hidden", "2", "hiddenLayers", "1"),
                "rkl",
                Map.of(),
                new TrainingConfig(steps, 8, 1e-3, 5),
                DeviceChoice.CPU,
                Precision.FLOAT64);
    }

    /** The child: continues the run in args[0] (or starts it), saving after every step, forever. */
    public static final class Child {
        private Child() {}

        /**
         * Runs until killed.
         *
         * @param args the run directory
         * @throws IOException when a save fails
         */
        public static void main(String[] args) throws IOException {
            Path run = Path.of(args[0]);
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            Experiment e;
            if (Files.exists(run.resolve(RunStore.RUN_FILE))) {
                RunStore.SavedRun saved = RunStore.read(run);
                e = RunStore.open(saved, saved.spec().withTraining(new TrainingConfig(1_000_000, 8, 1e-3, 5)));
            } else {
                e = spec(1_000_000).open();
            }
            out.println("ready " + e.trainer().stepsDone());
            while (true) {
                e.trainer().step();
                // saving dominates the loop, so a kill most likely lands inside a save
                for (int i = 0; i < 3; i++) {
                    RunStore.save(run, e);
                    out.println("saved " + e.trainer().stepsDone());
                }
            }
        }
    }

    @Test
    void aRunKilledDuringSavesAlwaysLoadsAndResumes() throws Exception {
        SplittableRandom random = new SplittableRandom(2024);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int lastSeen = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            // given: a child that keeps saving (it first waits for its engine, then saves every step)
            Process child = new ProcessBuilder(
                            java,
                            "-Xmx256m",
                            "-XX:TieredStopAtLevel=1",
                            "-XX:+UseSerialGC",
                            "-Dflowlab.threads=1",
                            "-Dflowlab.home=" + dir.resolve("home"),
                            "-Dorg.slf4j.simpleLogger.defaultLogLevel=off",
                            "-cp",
                            System.getProperty("java.class.path"),
                            Child.class.getName(),
                            dir.resolve("run").toString())
                    .redirectErrorStream(true)
                    .start();
            List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ended) {
                    // the pipe closes with the child
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (lines.stream().noneMatch(l -> l.startsWith("saved ")) && child.isAlive()) {
                assertTrue(System.nanoTime() < deadline, "the child did not save: " + lines);
                Thread.sleep(5);
            }
            // when: killed at a random moment of its saving
            Thread.sleep(random.nextInt(250));
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            reader.join(60_000);
            int committed = lines.stream()
                    .filter(l -> l.startsWith("saved "))
                    .mapToInt(l -> Integer.parseInt(l.substring(6)))
                    .max()
                    .orElseThrow(() -> new AssertionError("the child never saved: " + lines));
            // then: the run is one complete save, at least as new as the last one reported
            RunStore.SavedRun saved = RunStore.read(dir.resolve("run"));
            assertTrue(
                    saved.stepsDone() >= committed && saved.stepsDone() <= committed + 1,
                    "kill " + kill + ": the run holds step " + saved.stepsDone() + ", the child last reported "
                            + committed);
            assertTrue(saved.stepsDone() >= lastSeen, "a kill lost earlier saves");
            assertEquals(saved.stepsDone(), saved.history().size());
            assertEquals(saved.stepsDone(), saved.adamUpdates());
            try (Experiment e = RunStore.open(
                    saved, saved.spec().withTraining(new TrainingConfig(saved.stepsDone() + 1, 8, 1e-3, 5)))) {
                assertEquals(saved.stepsDone() + 1, e.trainer().step().step());
            }
            lastSeen = saved.stepsDone();
        }
        // and a save after the last kill leaves one generation and no temporaries
        RunStore.SavedRun saved = RunStore.read(dir.resolve("run"));
        try (Experiment e = RunStore.open(saved, saved.spec())) {
            RunStore.save(dir.resolve("run"), e);
        }
        try (Stream<Path> entries = Files.list(dir.resolve("run"))) {
            List<String> names =
                    entries.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
            assertEquals(2, names.size(), names.toString());
            assertTrue(
                    names.contains(RunStore.RUN_FILE) && names.stream().anyMatch(n -> n.startsWith("gen-")),
                    names.toString());
        }
    }
}
