package org.flowlab.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.stage.Stage;
import org.flowlab.app.task.ExperimentOpener;
import org.flowlab.app.view.lab.LabView;
import org.flowlab.model.flow.core.FlowModel;
import org.flowlab.model.lattice.Target;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.train.Objective;
import org.flowlab.model.train.PreparationListener;
import org.flowlab.model.train.StepContext;
import org.flowlab.model.train.StepOutput;
import org.flowlab.model.train.Trainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A run that throws is shown as a failure with its reason, never as a normal end. */
@ExtendWith(ApplicationExtension.class)
class FailedRunTest {

    private static final String REASON = "the injected objective broke at step 3";

    private FlowLabApp app;

    @BeforeAll
    static void patience() {
        TestWindows.patientSetup();
    }

    @Start
    void start(Stage s) {
        app = TestWindows.start(s, false);
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(app::stop);
    }

    /** The real objective for two steps, then an exception. */
    private static final class BreakingObjective implements Objective {
        private final Objective real;
        private int calls;

        BreakingObjective(Objective real) {
            this.real = real;
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public void prepare(PreparationListener listener, BooleanSupplier cancelled) {
            real.prepare(listener, cancelled);
        }

        @Override
        public StepOutput evaluateBackprop(FlowModel flow, Target target, StepContext context) {
            if (++calls > 2) {
                throw new IllegalStateException(REASON);
            }
            return real.evaluate(flow, target, context);
        }
    }

    /** Opens the normal experiment and swaps in a trainer whose objective breaks. */
    private static final ExperimentOpener BREAKING = (spec, resume) -> {
        Experiment e = spec.open();
        Objective objective = e.trainer().objective();
        e.trainer().close();
        Trainer breaking = new Trainer(e.flow(), e.target(), new BreakingObjective(objective), spec.training());
        return new Experiment(spec, e.target(), e.flow(), breaking, e.deviceName());
    };

    @Test
    void aRunThatThrowsIsReportedAsAFailureWithItsReason(FxRobot robot) throws Exception {
        LabView lab = app.lab();
        robot.interact(() -> {
            lab.editor()
                    .apply(Map.of(
                            "theory", "phi4", "L", "4", "layers", "2", "hidden", "4", "batch", "16", "steps", "100"));
            assertTrue(lab.train(BREAKING));
        });
        WaitForAsyncUtils.waitFor(
                120, TimeUnit.SECONDS, () -> !lab.service().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lab.statusText().startsWith("Failed:"), lab.statusText());
        assertTrue(lab.statusText().contains(REASON), lab.statusText());
        assertFalse(lab.statusText().contains("Done"), lab.statusText());
        assertTrue(app.message().contains(REASON), app.message());
        assertTrue(lab.editor().formError().contains(REASON), lab.editor().formError());
    }

    @Test
    void aRunThatCannotBeBuiltIsReportedAsAFailure(FxRobot robot) throws Exception {
        LabView lab = app.lab();
        robot.interact(() -> {
            lab.editor().apply(Map.of("theory", "vonmises", "steps", "100"));
            assertTrue(lab.train((spec, resume) -> {
                throw new java.io.IOException("no room on the device");
            }));
        });
        WaitForAsyncUtils.waitFor(
                60, TimeUnit.SECONDS, () -> !lab.service().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(
                lab.statusText().startsWith("Failed: could not start training: no room on the device"),
                lab.statusText());
    }
}
