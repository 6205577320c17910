package org.flowlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Which starts keep the first Java (the window's collector) and which continue in a tuned one. */
class LauncherCollectorTest {

    private static boolean keeps(String... args) {
        return Launcher.opensWindow(args) || Launcher.probesWindow(args);
    }

    @Test
    void theWindowAndItsProbesKeepThisJavaAndTheCommandLineDoesNot() {
        assertEquals(true, keeps(), "no arguments: the window");
        assertEquals(true, keeps("gui"));
        assertEquals(true, keeps("flowlab:lab?theory=u1&L=8"));
        assertEquals(true, keeps("bench", "--gui-probe", "--only", "u1_gauge_flow"));
        assertEquals(true, keeps("bench", "--startup-probe"));
        assertEquals(false, keeps("bench", "--only", "phi4_realnvp_rkl", "--threads", "2"));
        assertEquals(false, keeps("train", "--theory", "phi4"));
        assertEquals(false, keeps("about"));
        assertEquals(false, keeps("train", "--gui-probe"), "only bench has the probes");
    }
}
