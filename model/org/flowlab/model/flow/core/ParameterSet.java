package org.flowlab.model.flow.core;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.Tensors;

/**
 * The trainable parameters of a flow (and its constant buffers such as masks), held in one
 * long-lived manager on the flow's device.
 *
 * <p>Only parameters and buffers live in this manager: every intermediate array of a training
 * step must live in a step-scoped manager, or it is a memory leak. Parameters are saved and
 * loaded by name as NumPy {@code .npz} through DJL, so a run's weights can be read from Python.
 */
public final class ParameterSet implements AutoCloseable {

    private static final ai.djl.ndarray.index.NDIndex ALL = new ai.djl.ndarray.index.NDIndex("...");

    private final NDManager manager;
    private final DataType dataType;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    private final Map<String, NDArray> buffers = new LinkedHashMap<>();
    private final Map<Object, NDArray> derived = new java.util.concurrent.ConcurrentHashMap<>();
    private final NDManager derivedManager;
    private int frozenDepth;

    /**
     * Creates an empty set on a device.
     *
     * @param device the device of every parameter
     * @param dataType FLOAT32 or FLOAT64
     */
    public ParameterSet(Device device, DataType dataType) {
        this.manager = Compute.newManager(device);
        this.manager.setName("parameters");
        // apart from the parameters' manager, whose array count shows leaks of training steps
        this.derivedManager = Compute.newManager(device);
        this.derivedManager.setName("derived constants");
        this.dataType = dataType;
    }

    /**
     * The floating type of every parameter.
     *
     * @return the data type
     */
    public DataType dataType() {
        return dataType;
    }

    /**
     * The device of every parameter.
     *
     * @return the device
     */
    public Device device() {
        return manager.getDevice();
    }

    /**
     * The manager that owns the parameters; do not create step temporaries in it.
     *
     * @return the manager
     */
    public NDManager manager() {
        return manager;
    }

    /**
     * Adds a trainable parameter.
     *
     * @param name a unique name, such as {@code layer3.conv1.weight}
     * @param shape the shape
     * @param values initial values in row-major order
     * @return the parameter (requires gradient)
     */
    public NDArray add(String name, Shape shape, double[] values) {
        if (parameters.containsKey(name) || buffers.containsKey(name)) {
            throw new IllegalArgumentException("duplicate parameter name " + name);
        }
        NDArray p = Tensors.create(manager, values, shape, dataType);
        p.setName(name);
        p.setRequiresGradient(true);
        parameters.put(name, p);
        return p;
    }

    /**
     * Adds a constant (non-trainable) array such as a mask.
     *
     * @param name a unique name
     * @param shape the shape
     * @param values values in row-major order
     * @return the buffer
     */
    public NDArray addBuffer(String name, Shape shape, double[] values) {
        if (parameters.containsKey(name) || buffers.containsKey(name)) {
            throw new IllegalArgumentException("duplicate buffer name " + name);
        }
        NDArray b = Tensors.create(manager, values, shape, dataType);
        b.setName(name);
        buffers.put(name, b);
        return b;
    }

    /**
     * Adds a constant integer (INT64) array, such as a gather index.
     *
     * @param name a unique name
     * @param shape the shape
     * @param values values in row-major order
     * @return the buffer
     */
    public NDArray addIndex(String name, Shape shape, long[] values) {
        if (parameters.containsKey(name) || buffers.containsKey(name)) {
            throw new IllegalArgumentException("duplicate buffer name " + name);
        }
        NDArray b = manager.create(values, shape);
        b.setName(name);
        buffers.put(name, b);
        return b;
    }

    /**
     * A constant array made once per key and kept with the buffers until the set is closed, such
     * as a convolution's gather index for one batch size (the same for every layer of that
     * geometry). Safe to call from several threads; equal keys give the same array.
     *
     * <p>The arrays live in a manager of their own (not counted among {@link #manager()}'s), closed
     * with the set. Operations on a returned array attach their results to that long-lived
     * manager: take a view and attach it to the step's manager first.
     *
     * @param key what identifies the array (a record of everything it depends on)
     * @param make makes the array in the manager it is given
     * @return the kept array
     */
    public NDArray derived(Object key, java.util.function.Function<NDManager, NDArray> make) {
        return derived.computeIfAbsent(key, k -> {
            try (NDManager scratch = derivedManager.newSubManager()) {
                NDArray made = make.apply(scratch);
                made.attach(derivedManager);
                return made;
            }
        });
    }

    /**
     * The trainable parameters by name, in creation order.
     *
     * @return an unmodifiable view
     */
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /**
     * Stops recording gradients for every parameter until the returned handle is closed, so
     * that a backward pass computes derivatives with respect to its inputs only and leaves the
     * accumulated parameter gradients untouched (and computations on constant inputs record no
     * graph at all). Nested calls are allowed; the outermost close restores the parameters.
     *
     * @return the handle that unfreezes the parameters
     */
    public Frozen freeze() {
        if (frozenDepth++ == 0) {
            for (NDArray p : parameters.values()) {
                p.setRequiresGradient(false);
            }
        }
        boolean[] closed = {false};
        return () -> {
            if (closed[0]) {
                return;
            }
            closed[0] = true;
            if (--frozenDepth == 0) {
                for (NDArray p : parameters.values()) {
                    p.setRequiresGradient(true);
                }
            }
        };
    }

    /** What {@link #freeze()} returns: closing it lets the parameters record gradients again. */
    @FunctionalInterface
    public interface Frozen extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Total number of trainable scalars.
     *
     * @return the parameter count
     */
    public long count() {
        long n = 0;
        for (NDArray p : parameters.values()) {
            n += p.size();
        }
        return n;
    }

    /**
     * The Euclidean norm of all trainable scalars together, summed in double precision: not
     * finite as soon as one value is not (the trainer's check after each update).
     *
     * @param scope a manager for the temporaries
     * @return sqrt(sum of squares)
     */
    public double norm(NDManager scope) {
        if (parameters.isEmpty()) {
            return 0;
        }
        // one concatenation and one host copy, instead of a reduction and a copy per parameter
        NDList flat = new NDList(parameters.size());
        for (NDArray p : parameters.values()) {
            NDArray column = p.reshape(-1);
            column.attach(scope);
            flat.add(column);
        }
        NDArray all = flat.size() == 1 ? flat.get(0) : NDArrays.concat(flat);
        return Math.sqrt(all.toType(DataType.FLOAT64, false).square().sum().getDouble());
    }

    /**
     * Copies every parameter to the host, in creation order (for tests and checkpoints).
     *
     * @return one double array per parameter
     */
    public List<double[]> snapshot() {
        List<double[]> out = new ArrayList<>();
        for (NDArray p : parameters.values()) {
            out.add(Tensors.toDoubles(p));
        }
        return out;
    }

    /**
     * Writes the parameters as a NumPy {@code .npz} archive, one entry per name.
     *
     * @param out the stream (not closed)
     * @throws IOException when writing fails
     */
    public void save(OutputStream out) throws IOException {
        NDList list = new NDList();
        list.addAll(parameters.values());
        list.encode(out, NDList.Encoding.NPZ);
    }

    /**
     * Overwrites the parameters with those read from an archive written by {@link #save}.
     *
     * @param in the stream
     * @throws IOException when the archive is unreadable or does not match this flow
     */
    public void load(InputStream in) throws IOException {
        try (NDManager scratch = manager.newSubManager()) {
            NDList list;
            try {
                list = NDList.decode(scratch, in);
            } catch (RuntimeException e) {
                throw new IOException("not a parameter archive: " + e.getMessage(), e);
            }
            Map<String, NDArray> byName = new LinkedHashMap<>();
            for (NDArray a : list) {
                byName.put(a.getName(), a);
            }
            for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
                NDArray stored = byName.get(e.getKey());
                if (stored == null) {
                    throw new IOException("parameter " + e.getKey() + " is missing from the archive");
                }
                if (!stored.getShape().equals(e.getValue().getShape())) {
                    throw new IOException("parameter " + e.getKey() + " has shape " + stored.getShape()
                            + " in the archive but " + e.getValue().getShape() + " here");
                }
            }
            if (byName.size() != parameters.size()) {
                throw new IOException(
                        "the archive holds " + byName.size() + " parameters, this flow " + parameters.size());
            }
            // an in-place copy keeps the parameter's own storage (and its identity); it must not be
            // recorded for back-propagation, whatever the calling thread's mode
            boolean recording = Compute.isGradientRecording();
            Compute.setGradientRecording(false);
            try {
                for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
                    NDArray stored =
                            byName.get(e.getKey()).toType(dataType, false).toDevice(device(), false);
                    e.getValue().set(ALL, stored);
                }
            } finally {
                Compute.setGradientRecording(recording);
            }
        }
    }

    @Override
    public void close() {
        derived.clear();
        derivedManager.close();
        manager.close();
    }
}
