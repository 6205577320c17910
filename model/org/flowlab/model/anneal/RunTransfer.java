package org.flowlab.model.anneal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.store.RunStore;

/**
 * A saved run's trained flow used elsewhere: at another lattice size or coupling, to sample
 * ({@code sample --run RUN --L 16}) or as the start of a new training run
 * ({@code train --init-from RUN}). The flow family and its settings stay those of the saved run;
 * convolutional and gauge-equivariant flows have parameters that do not depend on L.
 */
public final class RunTransfer {

    private RunTransfer() {}

    /**
     * The saved run's spec with other theory values (such as L or m^2), everything else kept.
     *
     * @param saved the saved spec
     * @param theoryValues values that replace the saved ones
     * @return the new spec, checked (the flow must fit the new target)
     * @throws IllegalArgumentException with a one-line message when it does not fit
     */
    public static RunSpec withTheory(RunSpec saved, Map<String, String> theoryValues) {
        Map<String, String> values = new LinkedHashMap<>(saved.theorySettings().asMap());
        values.putAll(theoryValues);
        return RunSpec.create(
                saved.theory(),
                values,
                saved.flow(),
                saved.flowSettings().asMap(),
                saved.loss(),
                saved.lossSettings().asMap(),
                saved.training(),
                saved.device(),
                saved.precision());
    }

    /**
     * The trained parameters of a saved run, as a NumPy archive.
     *
     * @param saved the run
     * @return the archive's bytes
     * @throws IOException when the run cannot be opened
     */
    public static byte[] parameters(RunStore.SavedRun saved) throws IOException {
        try (Experiment e = RunStore.open(saved, saved.spec())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            e.flow().parameters().save(out);
            return out.toByteArray();
        }
    }

    /**
     * Builds a new experiment whose flow starts from a saved run's trained parameters.
     *
     * @param saved the saved run
     * @param spec the new run (same flow family and settings; any theory values, loss and training)
     * @return the experiment (close it)
     * @throws IOException when the saved run cannot be opened
     * @throws IllegalArgumentException when the flows differ or the parameters do not fit
     */
    public static Experiment open(RunStore.SavedRun saved, RunSpec spec) throws IOException {
        RunSpec old = saved.spec();
        if (!old.flow().equals(spec.flow()) || !old.flowSettings().equals(spec.flowSettings())) {
            throw new IllegalArgumentException("the saved run's flow ("
                    + old.flowKind().describe(old.flowSettings()) + ") must be the new run's flow");
        }
        if (!old.theory().equals(spec.theory())) {
            throw new IllegalArgumentException("the saved run models " + old.theory() + ", not " + spec.theory());
        }
        byte[] archive = parameters(saved);
        Experiment e = spec.open();
        try {
            FlowStage.load(e.flow().parameters(), archive);
            return e;
        } catch (RuntimeException ex) {
            e.close();
            throw ex;
        }
    }
}
