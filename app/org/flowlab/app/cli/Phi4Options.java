package org.flowlab.app.cli;

import org.flowlab.model.lattice.Phi4Theory;

import picocli.CommandLine.Option;

/** phi^4 theory parameters on the command line. */
final class Phi4Options {

    @Option(names = {"--L", "-L"}, defaultValue = "8", description = "lattice size L (L x L). Default: ${DEFAULT-VALUE}")
    int size;

    @Option(names = "--m2", defaultValue = "-0.5", description = "bare mass squared m^2. Default: ${DEFAULT-VALUE}")
    double m2;

    @Option(
            names = {"--lam", "--lambda"},
            defaultValue = "1.5",
            description = "quartic coupling lambda >= 0. Default: ${DEFAULT-VALUE}")
    double lambda;

    Phi4Theory theory() {
        return new Phi4Theory(size, m2, lambda);
    }
}
