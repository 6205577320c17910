package org.flowlab.app.view.chains;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.flowlab.app.chart.ChartStyle;
import org.flowlab.model.lattice.U1GaugeTheory;
import org.flowlab.model.observe.U1Exact;
import org.flowlab.model.scan.CriticalSlowingDown;
import org.flowlab.model.scan.FreezingPoint;
import org.flowlab.model.scan.U1Chains;

/**
 * Critical slowing down, measured: HMC on the free field towards m^2 = 0 (tau_int of the
 * magnetisation against the exact correlation length, log-log, slope z = 2), and U(1) along a
 * ladder of beta (tau_int of Q growing roughly exponentially next to a flat tau_int of the
 * plaquette, with the rate of charge changes per trajectory). Plain Java, on a background
 * thread, one point after another.
 */
final class SlowingDownView extends BorderPane {

    private final ChoiceBox<String> theory = new ChoiceBox<>();
    private final ChainForm form = new ChainForm();
    private final Button run = new Button("Run scan");
    private final Button stop = new Button("Stop");
    private final Label status = new Label("Press Run scan: one HMC chain per point, a few seconds in all.");
    private final ChainChart tau =
            new ChainChart("chainsScanTau", "τ_int against the correlation length", "ξ", "τ_int");
    private final ChainChart second = new ChainChart("chainsScanSecond", "τ_int / ξ²", "ξ", "τ_int(M) / ξ²");
    private final int tauSlow;
    private final int tauFast;
    private final int secondSeries;
    private final ExecutorService worker;
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private volatile boolean cancelled;

    SlowingDownView(ExecutorService worker) {
        this.worker = worker;
        setId("chainsSlowing");
        theory.getItems().addAll("phi4", "u1");
        theory.setValue("phi4");
        theory.setId("chains-scan-theory");
        theory.setConverter(TheoryNames.CONVERTER);
        form.add("scanL", "L", "16", "lattice size");
        form.add(
                "m2list",
                "m² values",
                "1,0.5,0.25,0.125,0.0625",
                "free-field masses squared, towards the critical point 0");
        form.add("betalist", "β values", "1,2,3,4,5,6", "U(1) couplings");
        form.add("scanN", "trajectories", "5000", "measured trajectories per point");
        form.add("scanSeed", "seed", "1", "random seed");
        run.setId("chainsScanRun");
        stop.setId("chainsScanStop");
        run.getStyleClass().add("accent");
        run.disableProperty().bind(running);
        stop.disableProperty().bind(running.not());
        run.setOnAction(e -> start());
        stop.setOnAction(e -> cancelled = true);
        theory.valueProperty().addListener((o, a, b) -> theoryChanged());
        tauSlow = tau.addSeries("τ_int(M)", ChartStyle.PALETTE[1], 2.5f, true);
        tauFast = tau.addSeries("τ_int(S/V)", ChartStyle.PALETTE[0], 2.5f, true);
        secondSeries = second.addSeries("τ_int(M) / ξ²", ChartStyle.PALETTE[1], 2.5f, true);
        Label about = new Label("HMC moves the field a little per trajectory; the slowest mode needs ever more "
                + "trajectories as the correlation length grows: critical slowing down.");
        about.setWrapText(true);
        about.getStyleClass().add("guide");
        VBox controls = new VBox(8, new HBox(8, run, stop), new Label("Scan"), theory, form, about);
        controls.setPadding(new Insets(8));
        controls.setPrefWidth(250);
        setLeft(controls);
        status.setId("chainsScanStatus");
        status.getStyleClass().add("view-title");
        status.setWrapText(true);
        GridPane charts = new GridPane();
        charts.setHgap(6);
        charts.add(tau, 0, 0);
        charts.add(second, 1, 0);
        for (ChainChart c : List.of(tau, second)) {
            GridPane.setHgrow(c, Priority.ALWAYS);
            GridPane.setVgrow(c, Priority.ALWAYS);
            c.setPrefSize(420, 300);
        }
        VBox center = new VBox(6, status, charts);
        VBox.setVgrow(charts, Priority.ALWAYS);
        center.setPadding(new Insets(6));
        setCenter(center);
        theoryChanged();
    }

    private void theoryChanged() {
        boolean u1 = "u1".equals(theory.getValue());
        form.show("m2list", !u1);
        form.show("betalist", u1);
        form.set("scanL", u1 ? "8" : "16");
        tau.clear();
        second.clear();
        tau.renameSeries(tauSlow, u1 ? "τ_int(Q)" : "τ_int(M)");
        tau.renameSeries(tauFast, u1 ? "τ_int(plaquette)" : "τ_int(S/V)");
        second.renameSeries(secondSeries, u1 ? "changes of Q per trajectory" : "τ_int(M) / ξ²");
        if (u1) {
            tau.setTitle("U(1): τ_int against β");
            tau.setLogAxes(false, true);
            tau.setAxisLabels("β", "τ_int");
            second.setTitle("charge changes per trajectory");
            second.setLogAxes(false, true);
            second.setAxisLabels("β", "changes of Q per trajectory");
        } else {
            tau.setTitle("φ⁴ free field: τ_int against ξ");
            tau.setLogAxes(true, true);
            tau.setAxisLabels("correlation length ξ", "τ_int");
            second.setTitle("τ_int(M) / ξ² (flat for z = 2)");
            second.setLogAxes(true, false);
            second.setAxisLabels("correlation length ξ", "τ_int(M) / ξ²");
        }
    }

    /**
     * Applies link parameters.
     *
     * @param p the parameters
     */
    void apply(Map<String, String> p) {
        if (p.containsKey("theory")) {
            if (!theory.getItems().contains(p.get("theory"))) {
                throw new IllegalArgumentException("theory must be phi4 or u1, not '" + p.get("theory") + "'");
            }
            theory.setValue(p.get("theory"));
        }
        copy(p, "L", "scanL");
        copy(p, "m2", "m2list");
        copy(p, "beta", "betalist");
        copy(p, "n", "scanN");
        copy(p, "seed", "scanSeed");
        values(theory.getValue().equals("u1") ? "betalist" : "m2list");
        form.integer("scanN", 20, 2_000_000);
        form.integer("scanSeed", 0, Integer.MAX_VALUE);
    }

    private void copy(Map<String, String> p, String key, String field) {
        if (p.containsKey(key)) {
            form.set(field, p.get(key));
        }
    }

    private double[] values(String key) {
        String[] parts = form.text(key).split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException((key.equals("m2list") ? "m² values" : "β values")
                        + ": not a comma-separated list of numbers: '" + form.text(key) + "'");
            }
            if (key.equals("m2list") && !(out[i] > 0)) {
                throw new IllegalArgumentException("m² values must be positive (free field), got " + out[i]);
            }
            if (key.equals("betalist") && !(out[i] >= 0 && out[i] <= 100)) {
                throw new IllegalArgumentException("β values must be between 0 and 100, got " + out[i]);
            }
        }
        return out;
    }

    /** Starts the scan. */
    void start() {
        if (running.get()) {
            return;
        }
        boolean u1 = "u1".equals(theory.getValue());
        int size;
        int n;
        long seed;
        double[] ladder;
        try {
            size = form.integer("scanL", u1 ? 4 : 2, 64);
            n = form.integer("scanN", 20, 2_000_000);
            seed = form.integer("scanSeed", 0, Integer.MAX_VALUE);
            ladder = values(u1 ? "betalist" : "m2list");
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            return;
        }
        theoryChanged();
        form.set("scanL", Integer.toString(size));
        cancelled = false;
        running.set(true);
        status.setText("Scanning …");
        worker.submit(() -> {
            try {
                if (u1) {
                    scanU1(size, ladder, n, seed);
                } else {
                    scanPhi4(size, ladder, n, seed);
                }
            } finally {
                Platform.runLater(() -> running.set(false));
            }
        });
    }

    private void scanPhi4(int size, double[] masses, int n, long seed) {
        List<CriticalSlowingDown.Point> points = new ArrayList<>();
        for (double m2 : masses) {
            if (cancelled) {
                break;
            }
            points.add(CriticalSlowingDown.run(
                    size, m2, n, 200, U1Chains.STEP_SIZE, U1Chains.LEAPFROG, seed, () -> cancelled));
            List<CriticalSlowingDown.Point> copy = List.copyOf(points);
            Platform.runLater(() -> showPhi4(copy));
        }
    }

    private void showPhi4(List<CriticalSlowingDown.Point> points) {
        double[] xi = points.stream().mapToDouble(CriticalSlowingDown.Point::xi).toArray();
        double[] slow =
                points.stream().mapToDouble(CriticalSlowingDown.Point::tauIntM).toArray();
        double[] fast = points.stream()
                .mapToDouble(CriticalSlowingDown.Point::tauIntAction)
                .toArray();
        double[] ratio = new double[xi.length];
        for (int i = 0; i < xi.length; i++) {
            ratio[i] = slow[i] / (xi[i] * xi[i]);
        }
        tau.setData(tauSlow, xi, slow);
        tau.setData(tauFast, xi, fast);
        second.setData(secondSeries, xi, ratio);
        double z = CriticalSlowingDown.logLogSlope(xi, slow);
        boolean reliable = points.stream().allMatch(CriticalSlowingDown.Point::reliable);
        status.setText(String.format(
                Locale.ROOT,
                "τ_int(M) ∝ ξ^z with z = %s (HMC at fixed trajectory length: 2); " + "the action density stays fast.%s",
                Double.isFinite(z) ? String.format(Locale.ROOT, "%.2f", z) : "…",
                reliable ? "" : " Some chains are too short for their τ_int: add trajectories."));
    }

    private void scanU1(int size, double[] betas, int n, long seed) {
        List<FreezingPoint> points = new ArrayList<>();
        for (double b : betas) {
            if (cancelled) {
                break;
            }
            U1GaugeTheory th = new U1GaugeTheory(size, b);
            points.add(FreezingPoint.of(
                    b,
                    "hmc",
                    U1Chains.hmc(th, n, U1Chains.THERMALISATION, seed, null, () -> cancelled),
                    U1Exact.onLattice(size, b)));
            List<FreezingPoint> copy = List.copyOf(points);
            Platform.runLater(() -> showU1(copy));
        }
    }

    private void showU1(List<FreezingPoint> points) {
        double[] beta = points.stream().mapToDouble(FreezingPoint::beta).toArray();
        tau.setData(
                tauSlow,
                beta,
                points.stream().mapToDouble(FreezingPoint::tauIntCharge).toArray());
        tau.setData(
                tauFast,
                beta,
                points.stream().mapToDouble(FreezingPoint::tauIntPlaquette).toArray());
        second.setData(
                secondSeries,
                beta,
                points.stream().mapToDouble(FreezingPoint::tunnellingRate).toArray());
        FreezingPoint last = points.get(points.size() - 1);
        status.setText(String.format(
                Locale.ROOT,
                "β = %s: τ_int(Q) %s%.0f, τ_int(plaquette) %.1f, Q changes %.4f times per "
                        + "trajectory: the charge freezes while the plaquette does not.",
                trim(last.beta()),
                last.tauIntChargeFromTunnelling() ? "≈ " : "= ",
                last.tauIntCharge(),
                last.tauIntPlaquette(),
                last.tunnellingRate()));
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Whether a scan is running.
     *
     * @return the property
     */
    BooleanProperty runningProperty() {
        return running;
    }

    /**
     * The tau_int chart (for tests).
     *
     * @return the chart
     */
    ChainChart tauChart() {
        return tau;
    }

    void setDark(boolean dark) {
        tau.setDark(dark);
        second.setDark(dark);
    }

    void dispose() {
        cancelled = true;
    }
}
