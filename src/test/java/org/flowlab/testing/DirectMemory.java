package org.flowlab.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Provokes reuse of freed direct (native) Java memory, to test that no tensor of an autograd
 * graph still points into a direct buffer that Java has already released.
 */
public final class DirectMemory {

    private DirectMemory() {}

    /**
     * Runs the garbage collector (so that unreachable direct buffers are freed), then allocates
     * many small direct buffers filled with a huge value, likely in the freed places.
     *
     * @return the new buffers; keep them reachable until the check is done
     */
    public static List<ByteBuffer> collectAndOverwrite() {
        System.gc();
        try {
            // the cleaner thread frees the native memory after the collection
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
            b.putDouble(0, 1e300);
            buffers.add(b);
        }
        return buffers;
    }
}
