package org.flowlab.model.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowlab.model.lattice.Phi4Theory;
import org.flowlab.model.lattice.U1GaugeTheory;
import org.flowlab.model.observe.Autocorrelation;
import org.flowlab.model.observe.Ess;
import org.junit.jupiter.api.Test;

/**
 * Every numeric answer of the Markov-chain lecture panes (01-sampling, 04-flow-mcmc) against
 * the code that computes it.
 */
class ChainLectureAnswersTest {

    /** An exercise's literal answer and tolerance, read from the pane. */
    private record Answer(double value, double tolerance) {}

    private static Answer answer(String pane, String id) throws IOException {
        String text;
        try (InputStream in = ChainLectureAnswersTest.class.getResourceAsStream("/lectures/" + pane)) {
            assertNotNull(in, pane);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher block =
                Pattern.compile("```exercise\\n(.*?)```", Pattern.DOTALL).matcher(text);
        while (block.find()) {
            String body = block.group(1);
            if (body.contains("id: " + id + "\n")) {
                Matcher a = Pattern.compile("(?m)^answer: (\\S+)").matcher(body);
                Matcher t = Pattern.compile("(?m)^tolerance: (\\S+)").matcher(body);
                assertTrue(a.find() && t.find(), id);
                return new Answer(Double.parseDouble(a.group(1)), Double.parseDouble(t.group(1)));
            }
        }
        throw new AssertionError("no exercise " + id + " in " + pane);
    }

    private static void check(String pane, String id, double computed) throws IOException {
        Answer a = answer(pane, id);
        assertEquals(
                computed,
                a.value(),
                a.tolerance(),
                id + ": the pane says " + a.value() + ", the code gives " + computed);
    }

    private static double[] ar1(double r, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = new double[n];
        a[0] = rng.nextGaussian() / Math.sqrt(1 - r * r);
        for (int i = 1; i < n; i++) {
            a[i] = r * a[i - 1] + rng.nextGaussian();
        }
        return a;
    }

    @Test
    void tauIntOfAnAr1Chain() throws IOException {
        // the Gamma method on a long chain agrees with the series 1/2 + sum r^t
        double r = 0.8;
        double series = 0.5;
        for (int t = 1; t < 400; t++) {
            series += Math.pow(r, t);
        }
        check("01-sampling.md", "sampling-tau-ar1", series);
        Autocorrelation.Analysis a = Autocorrelation.analyse(ar1(r, 400_000, 1));
        assertEquals(series, a.tauInt(), 3 * a.tauIntErr());
    }

    @Test
    void independentMeasurementsOfAChain() throws IOException {
        // the error of the mean, sqrt(2 tau Var / N), equals that of N / (2 tau) independent measurements
        int n = 20_000;
        double r = 49.0 / 51.0;
        double[] chain = ar1(r, n, 2);
        Autocorrelation.Analysis a = Autocorrelation.analyse(chain);
        double naive = Autocorrelation.independent(chain).err();
        double effective = naive * naive * n / (a.err() * a.err());
        assertEquals(n / (2 * a.tauInt()), effective, 0.02 * effective);
        check("01-sampling.md", "sampling-independent-measurements", n / (2 * 25.0));
    }

    @Test
    void halvingTheStepQuartersTheEnergyViolation() throws IOException {
        Phi4Theory theory = new Phi4Theory(8, 1, 0);
        List<EnergyViolation.Point> p = EnergyViolation.scan(
                theory, new double[theory.volume()], 1.0, new double[] {0.1, 0.05}, 200, 100, 1, null);
        check(
                "01-sampling.md",
                "sampling-deltah-halving",
                p.get(0).rmsDeltaH() / p.get(1).rmsDeltaH());
    }

    @Test
    void dynamicExponentOfHmcOnTheFreeField() throws IOException {
        double[] masses = {1, 0.25, 0.0625};
        double[] xi = new double[masses.length];
        double[] tau = new double[masses.length];
        for (int i = 0; i < masses.length; i++) {
            CriticalSlowingDown.Point p = CriticalSlowingDown.run(16, masses[i], 5000, 200, 0.1, 10, 1, null);
            xi[i] = p.xi();
            tau[i] = p.tauIntM();
        }
        check("01-sampling.md", "sampling-dynamic-exponent", CriticalSlowingDown.logLogSlope(xi, tau));
    }

    @Test
    void essOfOneDominantWeight() throws IOException {
        double[] logW = new double[1000];
        java.util.Arrays.fill(logW, Double.NEGATIVE_INFINITY);
        logW[0] = 0;
        check("01-sampling.md", "sampling-ess-one-weight", Ess.fraction(logW));
    }

    @Test
    void tauIntOfAChainWithConstantAcceptance() throws IOException {
        // a chain that takes a fresh independent value with probability a = 0.25 and otherwise keeps its value
        double a = 0.25;
        SplittableRandom rng = new SplittableRandom(4);
        double[] chain = new double[400_000];
        chain[0] = rng.nextGaussian();
        for (int i = 1; i < chain.length; i++) {
            chain[i] = rng.nextDouble() < a ? rng.nextGaussian() : chain[i - 1];
        }
        Autocorrelation.Analysis an = Autocorrelation.analyse(chain);
        assertEquals(1 / a - 0.5, an.tauInt(), 3 * an.tauIntErr());
        check("04-flow-mcmc.md", "flowmcmc-tau-acceptance", 1 / a - 0.5);
    }

    @Test
    void plaquetteBarrierIsTwoBeta() throws IOException {
        // one link at pi moves the two plaquettes it belongs to from 0 to +-pi
        double beta = 3;
        U1GaugeTheory theory = new U1GaugeTheory(4, beta);
        double[] links = new double[theory.degreesOfFreedom()];
        double cold = theory.action(links);
        links[5] = Math.PI;
        double perPlaquette = (theory.action(links) - cold) / 2;
        check("04-flow-mcmc.md", "flowmcmc-barrier", perPlaquette / beta);
    }

    @Test
    void shippedFlowAcceptanceAtBetaSix() throws IOException {
        GaugeFlows.Shipped six = GaugeFlows.shipped(8, 6);
        // the index's value (4096 proposals) and what the Compare view shows (2000 proposals, seed 1)
        check("04-flow-mcmc.md", "flowmcmc-shipped-acceptance", six.acceptance());
        check(
                "04-flow-mcmc.md",
                "flowmcmc-shipped-acceptance",
                FreezingScan.shipped(six, 2000, 1, () -> false).acceptance());
    }
}
