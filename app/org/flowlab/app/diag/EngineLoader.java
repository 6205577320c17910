package org.flowlab.app.diag;

import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.flowlab.model.compute.Compute;

/**
 * Starts the PyTorch engine on a background thread once the window is on the screen, so that the
 * window does not wait for libtorch (hundreds of megabytes of native code; on the first start
 * DJL also unpacks it from its jar into its cache folder).
 *
 * <p>Training queues behind it by itself: the training thread asks {@link Compute} for the
 * engine, which waits until this loader has started it. The {@link #stateProperty() state} and
 * {@link #messageProperty() message} tell the user what is going on; they change on the FX thread.
 */
public final class EngineLoader {

    /** Where the engine stands. */
    public enum State {
        /** Not asked to load yet. */
        WAITING,
        /** Loading on the background thread. */
        LOADING,
        /** Started; training can run. */
        READY,
        /** Could not start; the message says why. */
        FAILED
    }

    private static final Logger LOG = Logger.getLogger(EngineLoader.class.getName());

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.WAITING);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private volatile Compute.EngineInfo info;
    private volatile Process archiveJob;
    private long startNanos;
    private double seconds = Double.NaN;

    /** Creates a loader that has not started yet; see {@link #start()}. */
    public EngineLoader() {}

    /**
     * Starts loading on a daemon thread ("engine-loader"); call on the FX thread. Does nothing
     * when already started.
     */
    public void start() {
        if (state.get() != State.WAITING) {
            return;
        }
        startNanos = System.nanoTime();
        // the message first: listeners of the state read it
        message.set("Loading the PyTorch engine… Train waits for it");
        state.set(State.LOADING);
        Thread t = new Thread(this::load, "engine-loader");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private void load() {
        try {
            Compute.EngineInfo loaded = Compute.engineInfo();
            info = loaded;
            LOG.info("PyTorch engine ready: libtorch " + loaded.libtorchVersion() + " from " + loaded.libtorchFolder()
                    + ", " + loaded.device());
            archiveJob = CdsArchive.refreshIfUnused().orElse(null);
            Platform.runLater(() -> finish(State.READY, "PyTorch engine ready: " + loaded.device()));
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "the PyTorch engine did not start", e);
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            Platform.runLater(() -> finish(State.FAILED, "PyTorch engine failed: " + why));
        }
    }

    private void finish(State end, String text) {
        seconds = (System.nanoTime() - startNanos) / 1e9;
        message.set(text);
        state.set(end);
    }

    /**
     * The state, changed on the FX thread.
     *
     * @return the property
     */
    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /**
     * What to show the user, such as "Loading the PyTorch engine…"; it changes before the
     * state does.
     *
     * @return the property
     */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /**
     * The engine's description once it has started.
     *
     * @return the description, or null before
     */
    public Compute.EngineInfo info() {
        return info;
    }

    /**
     * The background process rebuilding the class-data archive after the engine was ready (see
     * {@link CdsArchive#refreshIfUnused()}).
     *
     * @return the process, or null when none was needed
     */
    public Process archiveJob() {
        return archiveJob;
    }

    /**
     * How long loading took (read on the FX thread).
     *
     * @return seconds from {@link #start()} to ready or failed, NaN before
     */
    public double seconds() {
        return seconds;
    }
}
