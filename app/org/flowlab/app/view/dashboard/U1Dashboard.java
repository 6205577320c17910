package org.flowlab.app.view.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.flowlab.app.chart.ChartStyle;
import org.flowlab.app.chart.HistogramChart;
import org.flowlab.app.view.canvas.ColourBar;
import org.flowlab.app.view.canvas.FieldView;
import org.flowlab.app.view.lab.SampleWindow;
import org.flowlab.model.lattice.Angles;
import org.flowlab.model.lattice.U1GaugeTheory;
import org.flowlab.model.mcmc.ReferenceChain;
import org.flowlab.model.observe.Ess;
import org.flowlab.model.observe.Observable;
import org.flowlab.model.observe.U1Exact;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.SampleSnapshot;
import org.jfree.chart.JFreeChart;

/**
 * U(1) pictures: plaquette-angle maps and topological-charge densities q(x) = arg(e^{iθ_P})/2π
 * (with Q written on them) of a model sample and an HMC sample, and histograms of the
 * plaquette (exact value marked) and of Q, model raw and reweighted against HMC, and the
 * reweighted ⟨Q⟩, ⟨Q²⟩ and plaquette against their exact values (⟨Q⟩ = 0 by parity; the others
 * from the torus partition function). A flow stuck in one topological sector can show a high
 * ESS while ⟨Q²⟩ is far off.
 */
public final class U1Dashboard implements TheoryDashboard<Void> {

    private final FieldView modelPlaquettes = new FieldView("modelPlaquettes", "Model θ_P");
    private final FieldView modelCharge = new FieldView("modelCharge", "Model q(x)");
    private final FieldView hmcPlaquettes = new FieldView("hmcPlaquettes", "HMC θ_P");
    private final FieldView hmcCharge = new FieldView("hmcCharge", "HMC q(x)");
    private final ColourBar angleBar = new ColourBar("plaquetteColourBar");
    private final ColourBar chargeBar = new ColourBar("chargeColourBar");
    private final HistogramChart plaquetteHistogram =
            new HistogramChart("plaquetteHistogram", "Plaquette", "(1/V) Σ cos θ_P");
    private final HistogramChart chargeHistogram = new HistogramChart("chargeHistogram", "Topological charge", "Q");
    private final ExactCheck exactCheck = new ExactCheck("u1Exact");
    private final SampleWindow window = new SampleWindow(8);
    private final GridPane root = new GridPane();
    private final GridPane fields = new GridPane();
    private final boolean compact;
    private final int[] plaquetteSeries = new int[3];
    private final int[] chargeSeries = new int[3];
    private U1GaugeTheory theory = new U1GaugeTheory(8, 2);
    private double exactPlaquette = Double.NaN;
    private double exactQ2 = Double.NaN;

    /**
     * Builds the dashboard.
     *
     * @param compact true for Compare's narrow version (no plaquette histogram; the plaquette
     *     is compared with its exact value below the charge histogram)
     */
    public U1Dashboard(boolean compact) {
        this.compact = compact;
        String[] names = {"model", "reweighted", "HMC"};
        java.awt.Color[] colours = {ChartStyle.PALETTE[0], ChartStyle.PALETTE[2], ChartStyle.PALETTE[4]};
        for (int i = 0; i < 3; i++) {
            plaquetteSeries[i] = plaquetteHistogram.addSeries(names[i], colours[i], 2f);
            chargeSeries[i] = chargeHistogram.addSeries(names[i], colours[i], 2f);
        }
        fields.setHgap(8);
        fields.setVgap(8);
        // one colour scale per column, drawn once beside it: θ_P in [-π, π], q in [-1/2, 1/2]
        fields.add(modelPlaquettes, 0, 0);
        fields.add(hmcPlaquettes, 0, 1);
        fields.add(angleBar, 1, 0, 1, 2);
        fields.add(modelCharge, 2, 0);
        fields.add(hmcCharge, 2, 1);
        fields.add(chargeBar, 3, 0, 1, 2);
        for (FieldView f : List.of(modelPlaquettes, modelCharge, hmcPlaquettes, hmcCharge)) {
            GridPane.setHgrow(f, Priority.ALWAYS);
            GridPane.setVgrow(f, Priority.ALWAYS);
            f.setColourBar(false);
            f.setPrefSize(120, 120);
        }
        fields.getStyleClass().add("panel");
        VBox charge = new VBox(6, chargeHistogram, exactCheck);
        VBox.setVgrow(chargeHistogram, Priority.ALWAYS);
        if (compact) {
            Dashboards.rows(root, fields, charge);
        } else {
            Dashboards.columns(root, new double[] {44, 28, 28}, fields, plaquetteHistogram, charge);
        }
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public void reset(RunSpec spec) {
        theory = (U1GaugeTheory) spec.theoryKind().create(spec.theorySettings());
        U1Exact exact = U1Exact.onLattice(theory.size(), theory.beta());
        exactPlaquette = exact.plaquette();
        exactQ2 = exact.topChargeSquared();
        window.clear();
        exactCheck.clear();
        plaquetteHistogram.clear();
        chargeHistogram.clear();
        plaquetteHistogram.setMarker(exactPlaquette, String.format(Locale.ROOT, " exact %.4f", exactPlaquette));
        for (FieldView f : List.of(modelPlaquettes, modelCharge, hmcPlaquettes, hmcCharge)) {
            f.clear();
        }
        angleBar.clear();
        chargeBar.clear();
    }

    @Override
    public List<Observable> referenceObservables(RunSpec spec) {
        U1GaugeTheory t = (U1GaugeTheory) spec.theoryKind().create(spec.theorySettings());
        return List.of(new Observable("plaquette", t::plaquette), new Observable("Q", t::topCharge));
    }

    @Override
    public void modelSamples(SampleSnapshot snapshot) {
        window.add(snapshot);
        show(snapshot.configuration(0), modelPlaquettes, modelCharge, "step " + snapshot.step());
        double[] plaq = window.values(theory::plaquette);
        double[] charge = window.values(theory::topCharge);
        double[] weights = window.weights();
        updateHistograms(plaq, charge, weights);
        double[] charge2 = new double[charge.length];
        for (int i = 0; i < charge.length; i++) {
            charge2[i] = charge[i] * charge[i];
        }
        exactCheck.show(
                List.of(
                        ExactCheck.compare("⟨Q⟩", charge, weights, 0),
                        ExactCheck.compare("⟨Q²⟩", charge2, weights, exactQ2),
                        ExactCheck.compare("plaquette", plaq, weights, exactPlaquette)),
                Ess.fraction(snapshot.logWeights()));
    }

    @Override
    public void referenceSamples(ReferenceChain.Snapshot snapshot) {
        show(
                snapshot.configuration(),
                hmcPlaquettes,
                hmcCharge,
                String.format(Locale.ROOT, "trajectory %,d", snapshot.trajectories()));
        double[] plaq = snapshot.measurements().get(0);
        double[] charge = snapshot.measurements().get(1);
        setPlaquettes(plaquetteSeries[2], plaq, null);
        setCharges(chargeSeries[2], charge, null);
    }

    private void updateHistograms(double[] plaq, double[] charge, double[] weights) {
        setPlaquettes(plaquetteSeries[0], plaq, null);
        setPlaquettes(plaquetteSeries[1], plaq, weights);
        setCharges(chargeSeries[0], charge, null);
        setCharges(chargeSeries[1], charge, weights);
    }

    private void setPlaquettes(int series, double[] values, double[] weights) {
        double centre = Double.isFinite(exactPlaquette) ? exactPlaquette : 0.5;
        double half = Math.max(0.05, Math.min(0.6, 4.0 / Math.sqrt(theory.volume())));
        plaquetteHistogram.setHistogram(
                series, values, weights, Math.max(-1, centre - half), Math.min(1, centre + half), 40);
    }

    private void setCharges(int series, double[] values, double[] weights) {
        // integer charges: one bin per integer from -6 to 6
        chargeHistogram.setHistogram(series, values, weights, -6.5, 6.5, 13);
    }

    private void show(double[] links, FieldView plaquettes, FieldView charge, String where) {
        angleBar.setRange(Math.PI);
        chargeBar.setRange(0.5);
        double[] angles = theory.plaquetteAngles(links);
        double[] density = new double[angles.length];
        double q = 0;
        for (int i = 0; i < angles.length; i++) {
            angles[i] = Angles.principal(angles[i]);
            density[i] = angles[i] / (2 * Math.PI);
            q += density[i];
        }
        plaquettes.show(angles, theory.size(), Math.PI, where);
        charge.show(density, theory.size(), 0.5, String.format(Locale.ROOT, "Q = %+d", Math.round(q)));
    }

    @Override
    public Map<String, JFreeChart> charts() {
        Map<String, JFreeChart> c = new LinkedHashMap<>();
        if (!compact) {
            c.put("plaquette", plaquetteHistogram.chart());
        }
        c.put("charge", chargeHistogram.chart());
        return c;
    }

    @Override
    public Map<String, Node> pictures() {
        return Map.of("u1-fields", fields);
    }

    /**
     * The comparison with exact values (for tests).
     *
     * @return the check
     */
    public ExactCheck exactCheck() {
        return exactCheck;
    }

    @Override
    public void setDark(boolean dark) {
        plaquetteHistogram.setDark(dark);
        chargeHistogram.setDark(dark);
    }

    /**
     * Whether all four field views show a configuration (for tests).
     *
     * @return true when they do
     */
    public boolean fieldsShown() {
        return modelPlaquettes.hasField() && modelCharge.hasField() && hmcPlaquettes.hasField() && hmcCharge.hasField();
    }

    /**
     * The plaquette histogram (for tests).
     *
     * @return the chart
     */
    public HistogramChart plaquetteHistogram() {
        return plaquetteHistogram;
    }

    /**
     * The charge histogram (for tests).
     *
     * @return the chart
     */
    public HistogramChart chargeHistogram() {
        return chargeHistogram;
    }
}
