package org.flowlab.model.mcmc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a chain's measurements mean anything. A chain that accepted no proposal, or whose
 * every observable stayed at one value, never left its start: its averages describe the start
 * configuration, not the target, so they are no result. A chain in which only some observables
 * stayed constant (the topological charge at large beta, say) moved, but those observables
 * carry no error estimate and are unreliable.
 *
 * @param acceptRate the chain's acceptance
 * @param measurements measurements per observable
 * @param constant names of observables that never changed
 * @param frozen whether the chain as a whole never moved
 */
public record ChainHealth(double acceptRate, int measurements, List<String> constant, boolean frozen) {

    /**
     * Examines a chain.
     *
     * @param chain the chain
     * @return its health
     */
    public static ChainHealth of(ChainResult chain) {
        List<String> constant = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < chain.names().size(); i++) {
            double[] s = chain.series().get(i);
            n = s.length;
            boolean same = true;
            for (int k = 1; k < s.length && same; k++) {
                same = Double.compare(s[k], s[0]) == 0;
            }
            if (same) {
                constant.add(chain.names().get(i));
            }
        }
        boolean frozen = chain.acceptRate() == 0
                || (!chain.names().isEmpty() && constant.size() == chain.names().size());
        return new ChainHealth(chain.acceptRate(), n, List.copyOf(constant), frozen);
    }

    /**
     * One line explaining a frozen chain, for an error message.
     *
     * @param stepHint what to change, such as "a smaller --dt"
     * @return the line
     */
    public String frozenMessage(String stepHint) {
        if (acceptRate == 0) {
            return String.format(
                    Locale.ROOT,
                    "the chain accepted none of its %d proposals (acceptance 0): it never left its start, so its averages"
                            + " are no result; try %s",
                    measurements,
                    stepHint);
        }
        return String.format(
                Locale.ROOT,
                "no observable changed in %d measurements (acceptance %.4f): the chain is frozen, so its averages are"
                        + " no result; try %s",
                measurements,
                acceptRate,
                stepHint);
    }
}
