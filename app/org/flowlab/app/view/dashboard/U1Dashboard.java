package org.flowlab.app.view.dashboard;

import org.flowlab.app.view.canvas.FieldView;
import org.flowlab.app.view.lab.SampleWindow;
import javafx.scene.Node;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.flowlab.app.chart.ChartStyle;
import org.flowlab.app.chart.HistogramChart;
import org.flowlab.model.lattice.Angles;
import org.flowlab.model.lattice.U1GaugeTheory;
import org.flowlab.model.observe.Observable;
import org.flowlab.model.mcmc.ReferenceChain;
import org.flowlab.model.observe.U1Exact;
import org.flowlab.model.spec.RunSpec;
import org.flowlab.model.train.SampleSnapshot;

import java.util.List;
import java.util.Locale;

/**
 * U(1) pictures: plaquette-angle maps and topological-charge densities q(x) = arg(e^{iθ_P})/2π
 * (with Q written on them) of a model sample and an HMC sample, and histograms of the
 * plaquette (exact value marked) and of Q, model raw and reweighted against HMC.
 */
public final class U1Dashboard implements TheoryDashboard {

    private final FieldView modelPlaquettes = new FieldView("modelPlaquettes", "Model: plaquette angles θ_P");
    private final FieldView modelCharge = new FieldView("modelCharge", "Model: charge density q(x)");
    private final FieldView hmcPlaquettes = new FieldView("hmcPlaquettes", "HMC: plaquette angles θ_P");
    private final FieldView hmcCharge = new FieldView("hmcCharge", "HMC: charge density q(x)");
    private final HistogramChart plaquetteHistogram = new HistogramChart("plaquetteHistogram", "Plaquette", "(1/V) Σ cos θ_P");
    private final HistogramChart chargeHistogram = new HistogramChart("chargeHistogram", "Topological charge", "Q");
    private final SampleWindow window = new SampleWindow(8);
    private final GridPane root = new GridPane();
    private final int[] plaquetteSeries = new int[3];
    private final int[] chargeSeries = new int[3];
    private U1GaugeTheory theory = new U1GaugeTheory(8, 2);
    private double exactPlaquette = Double.NaN;

    /** Builds the dashboard. */
    public U1Dashboard() {
        String[] names = {"model (raw)", "model (reweighted)", "HMC"};
        java.awt.Color[] colours = {ChartStyle.PALETTE[0], ChartStyle.PALETTE[2], ChartStyle.PALETTE[4]};
        for (int i = 0; i < 3; i++) {
            plaquetteSeries[i] = plaquetteHistogram.addSeries(names[i], colours[i], 2f);
            chargeSeries[i] = chargeHistogram.addSeries(names[i], colours[i], 2f);
        }
        GridPane fields = new GridPane();
        fields.setHgap(8);
        fields.setVgap(8);
        fields.add(modelPlaquettes, 0, 0);
        fields.add(modelCharge, 1, 0);
        fields.add(hmcPlaquettes, 0, 1);
        fields.add(hmcCharge, 1, 1);
        for (FieldView f : List.of(modelPlaquettes, modelCharge, hmcPlaquettes, hmcCharge)) {
            GridPane.setHgrow(f, Priority.ALWAYS);
            GridPane.setVgrow(f, Priority.ALWAYS);
            f.setPrefSize(160, 160);
        }
        fields.getStyleClass().add("panel");
        VBox histograms = new VBox(8, plaquetteHistogram, chargeHistogram);
        VBox.setVgrow(plaquetteHistogram, Priority.ALWAYS);
        VBox.setVgrow(chargeHistogram, Priority.ALWAYS);
        Dashboards.twoColumns(root, fields, histograms);
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public void reset(RunSpec spec) {
        theory = (U1GaugeTheory) spec.theoryKind().create(spec.theorySettings());
        exactPlaquette = U1Exact.onLattice(theory.size(), theory.beta()).plaquette();
        window.clear();
        plaquetteHistogram.clear();
        chargeHistogram.clear();
        plaquetteHistogram.setMarker(exactPlaquette, String.format(Locale.ROOT, " exact %.4f", exactPlaquette));
        for (FieldView f : List.of(modelPlaquettes, modelCharge, hmcPlaquettes, hmcCharge)) {
            f.clear();
        }
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
    }

    @Override
    public void referenceSamples(ReferenceChain.Snapshot snapshot) {
        show(snapshot.configuration(), hmcPlaquettes, hmcCharge, String.format(Locale.ROOT, "trajectory %,d", snapshot.trajectories()));
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
        plaquetteHistogram.setHistogram(series, values, weights, Math.max(-1, centre - half), Math.min(1, centre + half), 40);
    }

    private void setCharges(int series, double[] values, double[] weights) {
        // integer charges: one bin per integer from -6 to 6
        chargeHistogram.setHistogram(series, values, weights, -6.5, 6.5, 13);
    }

    private void show(double[] links, FieldView plaquettes, FieldView charge, String where) {
        double[] angles = theory.plaquetteAngles(links);
        double[] density = new double[angles.length];
        double q = 0;
        for (int i = 0; i < angles.length; i++) {
            angles[i] = Angles.principal(angles[i]);
            density[i] = angles[i] / (2 * Math.PI);
            q += density[i];
        }
        plaquettes.show(angles, theory.size(), Math.PI, where);
        charge.show(density, theory.size(), 0.5, String.format(Locale.ROOT, "Q = %+d  (%s)", Math.round(q), where));
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
