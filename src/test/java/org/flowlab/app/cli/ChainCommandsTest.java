package org.flowlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowlab.model.observe.U1Exact;
import org.flowlab.model.spec.MixtureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hmc --trace}, the reliability flags of {@code hmc} and {@code sample}, and {@code scan}, end to end. */
class ChainCommandsTest {

    @TempDir
    Path dir;

    /** Exit code, standard output and standard error of one command line. */
    private record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            List<String> lines = out.strip().lines().toList();
            return Json.MAPPER.readTree(lines.get(lines.size() - 1));
        }
    }

    private static Run run(String... args) {
        CommandLine cl = FlowLabCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void traceWritesTheChainForOwnAnalysis() throws Exception {
        // when
        Path csv = dir.resolve("chain.csv");
        Run r = run(
                "hmc",
                "--theory",
                "phi4",
                "--L",
                "4",
                "--m2",
                "1",
                "--lam",
                "0",
                "--n",
                "300",
                "--therm",
                "20",
                "--seed",
                "2",
                "--trace",
                csv.toString(),
                "--json");
        // then
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(301, lines.size());
        assertEquals(
                "trajectory,accepted,delta_h,leapfrog_steps,magnetisation,abs_magnetisation,magnetisation_squared,chi2,phi2,action_density",
                lines.get(0));
        double sum = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertEquals(10, f.length, line);
            int steps = Integer.parseInt(f[3]);
            assertTrue(steps >= 5 && steps <= 15, line);
            sum += Double.parseDouble(f[8]);
        }
        // the trace is the chain behind the printed mean
        assertEquals(r.json().get("observables").get("phi2").get("mean").asDouble(), sum / 300, 1e-12);
        assertEquals("random", r.json().get("trajectory_length").asText());
    }

    @Test
    void aFixedTrajectoryLengthIsAFlag() throws Exception {
        Path csv = dir.resolve("fixed.csv");
        Run r = run(
                "hmc",
                "--theory",
                "phi4",
                "--L",
                "4",
                "--m2",
                "1",
                "--lam",
                "0",
                "--n",
                "50",
                "--therm",
                "5",
                "--fixed-length",
                "--nleap",
                "7",
                "--trace",
                csv.toString(),
                "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("fixed", r.json().get("trajectory_length").asText());
        Files.readAllLines(csv).stream().skip(1).forEach(line -> assertEquals("7", line.split(",")[3], line));
    }

    @Test
    void frozenChargeMarksEveryEstimateUnreliable() throws Exception {
        // when: U(1) at beta = 6 on 8 x 8, a run far shorter than tau_int(Q)
        Run r = run(
                "hmc",
                "--theory",
                "u1",
                "--L",
                "8",
                "--beta",
                "6",
                "--n",
                "3000",
                "--therm",
                "200",
                "--start",
                "hot",
                "--seed",
                "1",
                "--json");
        // then: one warning line, and the JSON says which estimates not to trust
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("warning: ") && r.err().contains("unreliable"), r.err());
        JsonNode j = r.json();
        assertFalse(j.get("reliability").get("reliable").asBoolean());
        j.get("observables")
                .fields()
                .forEachRemaining(e -> assertTrue(e.getValue().get("unreliable").asBoolean(), e.getKey()));
    }

    @Test
    void aLongEasyChainIsReliable() throws Exception {
        Run r = run(
                "hmc",
                "--theory",
                "u1",
                "--L",
                "4",
                "--beta",
                "1",
                "--n",
                "4000",
                "--therm",
                "100",
                "--start",
                "hot",
                "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.json().get("reliability").get("reliable").asBoolean());
        assertFalse(
                r.json().get("observables").get("plaquette").get("unreliable").asBoolean());
    }

    @Test
    void scanPrintsTauIntAcceptanceAndQSquaredAgainstExactPerBeta() throws Exception {
        // when
        Run r = run(
                "scan",
                "--theory",
                "u1",
                "--L",
                "8",
                "--beta",
                "1,6",
                "--sampler",
                "hmc",
                "--n",
                "1500",
                "--seed",
                "3",
                "--json");
        // then
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals("hmc", j.get("sampler").asText());
        JsonNode points = j.get("points");
        assertEquals(2, points.size());
        JsonNode b1 = points.get(0);
        assertEquals(1.0, b1.get("beta").asDouble());
        assertEquals(
                U1Exact.onLattice(8, 1).topChargeSquared(), b1.get("q2_exact").asDouble(), 1e-12);
        assertTrue(b1.get("tau_int_charge").asDouble() < 3, b1.toString());
        assertTrue(b1.get("acceptance").asDouble() > 0.9);
        assertTrue(b1.get("q2").has("mean") && b1.get("q2").has("err"));
        JsonNode b6 = points.get(1);
        assertTrue(b6.get("tau_int_charge").asDouble() > 100, b6.toString());
        assertFalse(b6.get("reliable").asBoolean());
        assertTrue(r.err().contains("beta 6"), r.err());
    }

    @Test
    void flowMcmcDoesNotFreezeAtTheHighestBeta() throws Exception {
        // when: the shipped flow and HMC at the top of the ladder, as in the lecture's scan (HMC's
        // tau_int(Q) there comes from its rare tunnellings and is bounded by the chain's length:
        // 5000 trajectories resolve it)
        Run hmc = run(
                "scan",
                "--theory",
                "u1",
                "--L",
                "8",
                "--beta",
                "6",
                "--sampler",
                "hmc",
                "--n",
                "5000",
                "--seed",
                "1",
                "--json");
        Run flow = run(
                "scan",
                "--theory",
                "u1",
                "--L",
                "8",
                "--beta",
                "6",
                "--sampler",
                "flow",
                "--n",
                "5000",
                "--seed",
                "1",
                "--threads",
                "1",
                "--json");
        // then
        assertEquals(0, hmc.code(), hmc.err());
        assertEquals(0, flow.code(), flow.err());
        JsonNode h = hmc.json().get("points").get(0);
        JsonNode f = flow.json().get("points").get(0);
        assertEquals("shipped", flow.json().get("flows").asText());
        assertTrue(f.get("acceptance").asDouble() > 0, f.toString());
        double ratio =
                h.get("tau_int_charge").asDouble() / f.get("tau_int_charge").asDouble();
        assertTrue(
                ratio >= 10, "tau_int(Q): HMC " + h.get("tau_int_charge") + " against flow " + f.get("tau_int_charge"));
    }

    @Test
    void phi4ScanFindsTheDynamicExponentOfHmc() throws Exception {
        Run r = run(
                "scan",
                "--theory",
                "phi4",
                "--L",
                "12",
                "--m2",
                "1,0.25,0.0625",
                "--n",
                "4000",
                "--seed",
                "1",
                "--json");
        assertEquals(0, r.code(), r.err());
        double z = r.json().get("dynamic_exponent").asDouble();
        assertEquals(2, z, 0.4, r.out());
        assertEquals(3, r.json().get("points").size());
    }

    @Test
    void badScansExitWithTwoAndOneLine() {
        for (String[] args : new String[][] {
            {"scan", "--theory", "su2"},
            {"scan", "--sampler", "metropolis"},
            {"scan", "--beta", "1,x"},
            {"scan", "--beta", "-1"},
            {"scan", "--theory", "phi4", "--m2", "0"},
            {"scan", "--theory", "phi4", "--sampler", "flow"},
            {"scan", "--sampler", "hmc", "--runs", "/tmp"},
            {"scan", "--sampler", "flow", "--beta", "2.5"},
            {"scan", "--n", "1"},
        }) {
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }

    @Test
    void sampleComparesTheModeFractionsWithTheExactModeWeights() throws Exception {
        // given: a barely trained flow for the three-mode mixture
        Path runDir = dir.resolve("mix");
        Run train = run(
                "train",
                "--theory",
                "mixture2d",
                "--mixture",
                "three",
                "--steps",
                "5",
                "--batch",
                "64",
                "--every",
                "5",
                "--eval-batch",
                "64",
                "--out",
                runDir.toString(),
                "--json");
        assertEquals(0, train.code(), train.err());
        // when
        Run s = run("sample", "--run", runDir.toString(), "--n", "2000", "--json");
        // then: the exact mode weights are printed, and every estimate says whether it disagrees and whether to trust
        // it
        assertEquals(0, s.code(), s.err());
        JsonNode j = s.json();
        double[] exact = {
            j.get("exact").get(MixtureKind.MODE + 0).asDouble(),
            j.get("exact").get(MixtureKind.MODE + 1).asDouble(),
            j.get("exact").get(MixtureKind.MODE + 2).asDouble()
        };
        assertEquals(0.457, exact[2], 1e-3);
        assertEquals(1, exact[0] + exact[1] + exact[2], 1e-9);
        JsonNode mode2 = j.get("reweighted").get(MixtureKind.MODE + 2);
        assertTrue(mode2.has("unreliable") && mode2.has("disagrees_with_exact"), mode2.toString());
        boolean flagged = mode2.get("disagrees_with_exact").asBoolean();
        assertEquals(flagged, s.err().contains("mode2"), s.err());
        assertTrue(j.get("effective_samples").asDouble() > 0);
    }
}
