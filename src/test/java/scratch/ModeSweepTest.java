package scratch;

import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.MixtureKind;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.lattice.GaussianMixture2D;
import org.flowlab.model.train.SampleSnapshot;
import org.flowlab.model.train.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

class ModeSweepTest {
    @Test
    void sweep() {
        String[][] configs = {{"4", "8", "rkl"}, {"8", "2", "rkl"}, {"8", "8", "rkl"}, {"4", "8", "fkl"}};
        for (String[] c : configs) {
            StringBuilder line = new StringBuilder("SWEEP mu=" + c[0] + " layers=" + c[1] + " " + c[2] + ":");
            for (int seed = 1; seed <= 8; seed++) {
                RunSpec spec = RunSpec.create("mixture2d", Map.of("mu", c[0]), "coupling2d", Map.of("layers", c[1]), c[2], c[2].equals("fkl") ? Map.of("samples", "4000") : Map.of(),
                        new TrainingConfig(500, 256, 3e-3, seed), DeviceChoice.CPU, Precision.FLOAT32);
                try (Experiment e = spec.open()) {
                    e.trainer().objective().prepare((t, d, n) -> {}, () -> false);
                    for (int i = 0; i < 500; i++) {
                        e.trainer().step();
                    }
                    SampleSnapshot s = e.trainer().freshSnapshot(2000);
                    GaussianMixture2D m = (GaussianMixture2D) e.target();
                    int zero = 0;
                    for (int i = 0; i < s.count(); i++) {
                        if (MixtureKind.mode(m, s.configuration(i)) == 0) {
                            zero++;
                        }
                    }
                    line.append(String.format(" %.2f", zero / 2000.0));
                }
            }
            System.out.println(line);
        }
    }
}
