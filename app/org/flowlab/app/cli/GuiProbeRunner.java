package org.flowlab.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;

/** Placeholder, replaced below. */
final class GuiProbeRunner {
    private GuiProbeRunner() {}

    static void run(double seconds, ObjectNode report, PrintWriter out) {
        throw new UnsupportedOperationException("not yet");
    }
}
