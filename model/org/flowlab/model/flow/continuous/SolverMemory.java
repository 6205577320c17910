package org.flowlab.model.flow.continuous;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * Instrumentation of a continuous flow's solvers: while tracking is on, the largest number of
 * tensors (and their bytes) alive under the solver's output manager, sampled at every
 * integration step. It shows that back-propagation keeps every stage of every step alive until
 * the backward pass while the adjoint method does not. Costs a walk over the manager's arrays
 * per step, so it is off by default.
 */
public final class SolverMemory {

    /**
     * The largest number of live tensors and their total size.
     *
     * @param arrays live arrays
     * @param bytes their total size in bytes
     */
    public record Peak(int arrays, long bytes) {}

    private boolean tracking;
    private int peakArrays;
    private long peakBytes;

    SolverMemory() {}

    /**
     * Starts or stops tracking; both reset the peak to zero.
     *
     * @param on whether to track
     */
    void track(boolean on) {
        tracking = on;
        peakArrays = 0;
        peakBytes = 0;
    }

    /**
     * The peak recorded since tracking started.
     *
     * @return the peak (zero when tracking is off)
     */
    Peak peak() {
        return new Peak(peakArrays, peakBytes);
    }

    /**
     * Records the arrays alive under a manager now, if tracking.
     *
     * @param manager the solver's output manager
     */
    void sample(NDManager manager) {
        if (!tracking) {
            return;
        }
        List<NDArray> live = manager.getManagedArrays();
        long bytes = 0;
        for (NDArray array : live) {
            bytes += array.size() * array.getDataType().getNumOfBytes();
        }
        peakArrays = Math.max(peakArrays, live.size());
        peakBytes = Math.max(peakBytes, bytes);
    }
}
