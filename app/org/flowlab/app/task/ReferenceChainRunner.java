package org.flowlab.app.task;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.flowlab.model.lattice.HmcSystem;
import org.flowlab.model.mcmc.ReferenceChain;
import org.flowlab.model.observe.Observable;

/**
 * The HMC reference chain ("truth") that runs beside a training run on the application's
 * background thread (pure Java, no DJL). It is cancelled when the run ends; its latest snapshot
 * waits in an atomic reference for the FX thread.
 */
final class ReferenceChainRunner {

    private static final long SEED_OFFSET = 1000;

    private final AppTrainer trainer;
    private final AtomicReference<ReferenceChain.Snapshot> latest = new AtomicReference<>();
    private final AtomicReference<ReferenceChain> chain = new AtomicReference<>();

    ReferenceChainRunner(AppTrainer trainer) {
        this.trainer = trainer;
    }

    /**
     * Starts a chain (cancelling any previous one).
     *
     * @param system what to sample
     * @param observables what to measure
     * @param seed the run's seed (the chain uses seed + 1000)
     */
    void start(HmcSystem system, List<Observable> observables, long seed) {
        latest.set(null);
        ReferenceChain next =
                new ReferenceChain(system, observables, ReferenceChain.Config.WINDOW, seed + SEED_OFFSET, latest::set);
        cancel(chain.getAndSet(next));
        trainer.submitBackground(next);
    }

    /** Cancels the chain, if one runs. */
    void cancel() {
        cancel(chain.get());
    }

    private static void cancel(ReferenceChain c) {
        if (c != null) {
            c.cancel();
        }
    }

    /**
     * Takes the newest snapshot (FX thread).
     *
     * @return it, or null when nothing new arrived
     */
    ReferenceChain.Snapshot take() {
        return latest.getAndSet(null);
    }
}
