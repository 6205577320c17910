package org.flowlab.model.compute;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Puts Intel MKL, which computes libtorch's matrix products on x86 processors, in its reproducible
 * mode before the engine starts, so that the same seed trains the same run bit for bit.
 *
 * <p>Why: by default MKL chooses among its code paths for each call, also by where in memory the
 * operands happen to lie, and the paths round differently in the last bit. Which addresses a
 * run's arrays get depends on the order in which earlier arrays were freed, so two runs of the
 * same spec in one process parted after their first update (measured: 2 of 6 test runs of
 * {@code TrainingReproducibilityTest} after a change that only kept one array longer; 0 of 8
 * with the reproducible mode, at the same speed, 30 ms per tutorial step either way).
 * {@code MKL_CBWR=AUTO} keeps MKL's best code path for this processor and makes it independent
 * of the operands' addresses.
 *
 * <p>The variable is set in this process's own environment with the C library's
 * {@code setenv} (MKL reads it when it first runs); someone who sets {@code MKL_CBWR} keeps
 * their value. Not on Windows (its C runtime keeps its own copy of the environment).
 */
public final class MatrixLibrary {

    private static final Logger LOG = Logger.getLogger(MatrixLibrary.class.getName());

    /** MKL's variable for its conditional numerical reproducibility. */
    static final String VARIABLE = "MKL_CBWR";

    /** The value set: reproducible, with the processor's best code path. */
    static final String MODE = "AUTO";

    private static String state = "not set (the engine has not started)";

    private MatrixLibrary() {}

    /**
     * Sets MKL's reproducible mode once, unless the user chose one; never throws.
     *
     * @return what was done, one line (also kept for {@link #describe()})
     */
    static synchronized String fix() {
        state = fix(System.getenv());
        LOG.fine("matrix library: " + state);
        return state;
    }

    static String fix(Map<String, String> environment) {
        String chosen = environment.get(VARIABLE);
        if (chosen != null) {
            return "Intel MKL with " + VARIABLE + "=" + chosen + " as set by the user";
        }
        if (Platform.isWindows()) {
            return "Intel MKL's default (the reproducible mode is not set on Windows)";
        }
        try {
            NativeLibrary libc = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
            Function setenv = libc.getFunction("setenv");
            if (setenv.invokeInt(new Object[] {VARIABLE, MODE, 0}) != 0) {
                return "Intel MKL's default (setenv refused " + VARIABLE + ")";
            }
            return "Intel MKL, reproducible mode (" + VARIABLE + "=" + MODE + ")";
        } catch (LinkageError | RuntimeException e) {
            // JNA's native part missing or unloadable: training works, only without the fixed mode
            return "Intel MKL's default (no setenv: " + e + ")";
        }
    }

    /**
     * What was set, for the About box and bug reports.
     *
     * @return one line
     */
    public static synchronized String describe() {
        return state;
    }
}
