package org.flowlab.model.store;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.util.Map;
import org.flowlab.model.compute.Tensors;
import org.flowlab.model.flow.core.ParameterSet;
import org.flowlab.model.io.Npy;

/** Refuses non-finite parameters: they are never written, and never loaded. */
final class FiniteCheck {

    private FiniteCheck() {}

    /**
     * Checks that every parameter is finite.
     *
     * @param parameters the parameters
     * @param what what they are, for the message
     * @throws IllegalStateException naming the first non-finite parameter
     */
    static void parameters(ParameterSet parameters, String what) {
        for (Map.Entry<String, NDArray> e : parameters.parameters().entrySet()) {
            for (double v : Tensors.toDoubles(e.getValue())) {
                if (!Double.isFinite(v)) {
                    throw new IllegalStateException("refusing to save: " + what + " are not finite (" + v + " in "
                            + e.getKey() + "); nothing was written");
                }
            }
        }
    }

    /**
     * Checks that every value of an archive is finite.
     *
     * @param arrays the archive's arrays
     * @param file the file, for the message
     * @throws IOException naming the file and the array
     */
    static void arrays(Map<String, Npy.Array> arrays, String file) throws IOException {
        for (Map.Entry<String, Npy.Array> e : arrays.entrySet()) {
            for (double v : e.getValue().values()) {
                if (!Double.isFinite(v)) {
                    throw new IOException(file + " holds non-finite values (" + v + " in " + e.getKey()
                            + "); the run cannot be used (train it again, with a smaller learning rate)");
                }
            }
        }
    }
}
