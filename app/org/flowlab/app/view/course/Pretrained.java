package org.flowlab.app.view.course;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.flowlab.app.Resources;
import org.flowlab.model.spec.Experiment;
import org.flowlab.model.spec.RunLink;
import org.flowlab.model.spec.RunSpec;

/**
 * The flows shipped with the course under {@code assets/course/}: for each name a text file
 * {@code <name>.txt} whose first line that is not a {@code #} comment is the complete
 * {@code flowlab:lab} link of the run that trained it (its comments say how and what it
 * reached), and the trained parameters {@code <name>.npz}.
 */
public final class Pretrained {

    /** The RealNVP for φ⁴ that the layer-by-layer view shows from the coupling-layer pane. */
    public static final String REALNVP_PHI4 = "realnvp-phi4-L8";

    private static final String DIR = "assets/course/";

    private Pretrained() {}

    /**
     * The run that trained a shipped flow.
     *
     * @param name e.g. {@link #REALNVP_PHI4}
     * @return its spec
     */
    public static RunSpec spec(String name) {
        for (String line : Resources.text(DIR + name + ".txt").split("\n")) {
            String t = line.trim();
            if (!t.isEmpty() && !t.startsWith("#")) {
                return RunLink.parse(t).spec();
            }
        }
        throw new IllegalStateException(DIR + name + ".txt holds no link");
    }

    /**
     * Builds a shipped flow with its trained parameters (call on the training thread).
     *
     * @param name e.g. {@link #REALNVP_PHI4}
     * @return the experiment (close it when done)
     */
    public static Experiment open(String name) {
        Experiment e = spec(name).open();
        try (InputStream in = Resources.url(DIR + name + ".npz").openStream()) {
            e.flow().parameters().load(in);
            return e;
        } catch (IOException ex) {
            e.close();
            throw new UncheckedIOException("cannot load the shipped flow " + name + ": " + ex.getMessage(), ex);
        } catch (RuntimeException ex) {
            e.close();
            throw ex;
        }
    }
}
