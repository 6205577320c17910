package org.flowlab.model.scan;

import org.flowlab.model.mcmc.ChainResult;
import org.flowlab.model.observe.Autocorrelation;
import org.flowlab.model.observe.ChainAnalysis;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.observe.U1Exact;
import org.flowlab.model.observe.U1Observables;

/**
 * One point of a topological-freezing scan: a U(1) chain at one beta, by HMC or by flow MCMC,
 * summarised by the autocorrelation of the topological charge Q and of the plaquette, the rate
 * of charge changes, and &lt;Q^2&gt; and the plaquette against their exact values.
 *
 * <p>When Q hardly moves, the Gamma method has nothing to work with (Q constant, its window not
 * found, or so few changes that the dwell-time bound of {@link ChainAnalysis} exceeds its
 * value). tau_int(Q) is then estimated from the tunnelling rate: Q performs a random walk
 * of unit steps at rate r per update in a well of variance &lt;Q^2&gt;, whose autocorrelation
 * decays like exp(-r t / (2 &lt;Q^2&gt;)), so tau_int(Q) ~ 2 &lt;Q^2&gt; / r, with r = (k + 1) / n
 * for k changes in n updates (k + 1 keeps a chain that never tunnelled finite: it only shows
 * that tau_int(Q) is at least of that order).
 *
 * @param beta the coupling
 * @param sampler "hmc" or "flow"
 * @param n measured updates (trajectories or flow proposals)
 * @param acceptance fraction of accepted proposals
 * @param tauIntCharge tau_int(Q), by the Gamma method or, when flagged, from the tunnelling rate
 * @param tauIntChargeErr its error (NaN when estimated from the tunnelling rate)
 * @param tauIntChargeFromTunnelling whether tauIntCharge comes from the tunnelling rate
 * @param tauIntPlaquette tau_int of the plaquette (Gamma method)
 * @param tauIntPlaquetteErr its error
 * @param tunnellingRate changes of Q per update
 * @param q2 &lt;Q^2&gt; with its error (slow-mode tail included)
 * @param q2Exact the exact &lt;Q^2&gt; on the torus
 * @param plaquette &lt;cos theta_P&gt; with its error
 * @param plaquetteExact the exact plaquette
 * @param reliable whether the chain's error bars can be trusted ({@link ChainAnalysis})
 * @param reason why not, in words (empty when reliable)
 */
public record FreezingPoint(
        double beta,
        String sampler,
        int n,
        double acceptance,
        double tauIntCharge,
        double tauIntChargeErr,
        boolean tauIntChargeFromTunnelling,
        double tauIntPlaquette,
        double tauIntPlaquetteErr,
        double tunnellingRate,
        Estimate q2,
        double q2Exact,
        Estimate plaquette,
        double plaquetteExact,
        boolean reliable,
        String reason) {

    /**
     * Summarises a U(1) chain that measured at least {@link U1Observables} Q, Q^2 and the
     * plaquette.
     *
     * @param beta the coupling
     * @param sampler "hmc" or "flow"
     * @param chain the chain
     * @param exact exact values for its lattice and beta
     * @return the point
     */
    public static FreezingPoint of(double beta, String sampler, ChainResult chain, U1Exact exact) {
        ChainAnalysis.Result joint = chain.analyseJointly();
        double[] q = chain.series(U1Observables.TOP_CHARGE);
        int changes = changes(q);
        Autocorrelation.Analysis qa = joint.analyses().get(U1Observables.TOP_CHARGE);
        Autocorrelation.Analysis pa = joint.analyses().get(U1Observables.PLAQUETTE);
        boolean fromTunnelling =
                ChainAnalysis.isConstant(qa) || !qa.windowFound() || ChainAnalysis.dwellTime(q) > qa.tauInt();
        double tauQ = fromTunnelling ? tauFromTunnelling(exact.topChargeSquared(), changes, q.length) : qa.tauInt();
        double tauQErr = fromTunnelling ? Double.NaN : qa.tauIntErr();
        boolean plaquetteConstant = ChainAnalysis.isConstant(pa);
        return new FreezingPoint(
                beta,
                sampler,
                q.length,
                chain.acceptRate(),
                tauQ,
                tauQErr,
                fromTunnelling,
                plaquetteConstant ? Double.NaN : pa.tauInt(),
                plaquetteConstant ? Double.NaN : pa.tauIntErr(),
                q.length < 2 ? Double.NaN : changes / (double) (q.length - 1),
                joint.estimates().get(U1Observables.TOP_CHARGE_SQUARED),
                exact.topChargeSquared(),
                joint.estimates().get(U1Observables.PLAQUETTE),
                exact.plaquette(),
                joint.verdict().reliable(),
                joint.verdict().reason());
    }

    /**
     * tau_int(Q) estimated from the tunnelling rate, 2 &lt;Q^2&gt; n / (k + 1).
     *
     * @param q2 &lt;Q^2&gt; (exact)
     * @param changes k, the number of changes of Q
     * @param n the chain length
     * @return the estimate
     */
    public static double tauFromTunnelling(double q2, int changes, int n) {
        return 2 * q2 * n / (changes + 1.0);
    }

    /**
     * The number of times a series changes value between consecutive entries.
     *
     * @param series the series
     * @return the count
     */
    public static int changes(double[] series) {
        int k = 0;
        for (int i = 1; i < series.length; i++) {
            if (series[i] != series[i - 1]) {
                k++;
            }
        }
        return k;
    }
}
