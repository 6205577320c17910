package org.flowlab.model.anneal;

import java.util.List;

/**
 * A finished chain: its spec, one result per target, and the trained parameters of every stage's
 * flow (NumPy {@code .npz} archives, empty for a chain without flows).
 *
 * @param spec what ran
 * @param stages results in chain order
 * @param parameters the parameter archive of each flow, in order
 * @param device the device in words
 * @param seconds wall time
 */
public record ChainResult(
        ChainSpec spec, List<StageResult> stages, List<byte[]> parameters, String device, double seconds) {

    /**
     * Copies the lists.
     *
     * @param spec spec
     * @param stages stages
     * @param parameters parameters
     * @param device device
     * @param seconds seconds
     */
    public ChainResult {
        stages = List.copyOf(stages);
        parameters = List.copyOf(parameters);
    }

    /**
     * The result at the final target.
     *
     * @return the last stage
     */
    public StageResult last() {
        return stages.get(stages.size() - 1);
    }
}
