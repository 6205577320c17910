package org.flowlab.app.view.chains;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.flowlab.app.chart.ChartStyle;
import org.flowlab.model.observe.Autocorrelation;
import org.flowlab.model.observe.ChainAnalysis;
import org.flowlab.model.observe.Estimate;
import org.flowlab.model.observe.Phi4Observables;
import org.flowlab.model.observe.U1Observables;
import org.flowlab.model.scan.ChainSetup;
import org.flowlab.model.scan.CriticalSlowingDown;
import org.flowlab.model.scan.EnergyViolation;
import org.flowlab.model.scan.LiveChain;

/**
 * A live HMC chain: the history of a chosen observable with its exact value, rho(tau) with the
 * Gamma method's summation window, tau_int with its error and the acceptance, updated while the
 * chain runs (on its own thread; plain Java); and, from one click, the energy violation against
 * the step size on log-log axes.
 */
final class LiveChainView extends BorderPane {

    /** Step sizes of the deltaH scan at trajectory length 1. */
    static final double[] DELTA_H_STEPS = {0.2, 0.1, 0.05, 0.025, 0.0125};

    private final ChoiceBox<String> theory = new ChoiceBox<>();
    private final ChainForm form = new ChainForm();
    private final CheckBox randomLength = new CheckBox("random trajectory length");
    private final ChoiceBox<String> observable = new ChoiceBox<>();
    private final Button run = new Button("Run HMC");
    private final Button stop = new Button("Stop");
    private final Button deltaH = new Button("ΔH against δt");
    private final Label stats = new Label("Press Run HMC: the chain starts and its history appears here.");
    private final Label warning = new Label();
    private final ChainChart trace = new ChainChart("chainsTrace", "Markov-chain history", "trajectory", "value");
    private final ChainChart rho = new ChainChart("chainsRho", "autocorrelation ρ(τ)", "τ (trajectories)", "ρ(τ)");
    private final ChainChart energy = new ChainChart("chainsDeltaH", "energy violation", "δt", "rms ΔH");
    private final int traceSeries;
    private final int rhoSeries;
    private final int energySeries;
    private final int energySlope;
    private final AtomicReference<LiveChain.Snapshot> pending = new AtomicReference<>();
    private final ExecutorService worker;
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final Timeline pulse;
    private LiveChain chain;
    private LiveChain.Snapshot shown;
    private Map<String, Double> exact = Map.of();
    private ChainSetup setup;

    LiveChainView(ExecutorService worker) {
        this.worker = worker;
        setId("chainsLive");
        theory.getItems().addAll("phi4", "u1");
        theory.setValue("phi4");
        theory.setId("chains-theory");
        form.add("L", "L", "8", "lattice size L × L");
        form.add("m2", "m²", "-0.5", "φ⁴ bare mass squared");
        form.add("lambda", "λ", "1.5", "φ⁴ quartic coupling (0: free field with exact values)");
        form.add("beta", "β", "4", "U(1) inverse coupling");
        form.add("dt", "δt", "0.1", "leapfrog step size");
        form.add("nleap", "leapfrog n", "10", "(mean) leapfrog steps per trajectory");
        form.add("n", "trajectories", "5000", "measured trajectories");
        form.add("therm", "thermalise", "200", "trajectories discarded first");
        form.add("seed", "seed", "1", "random seed");
        randomLength.setSelected(true);
        randomLength.setId("chains-random");
        observable.setId("chains-observable");
        run.setId("chainsRun");
        stop.setId("chainsStop");
        deltaH.setId("chainsDeltaHButton");
        run.getStyleClass().add("accent");
        theory.valueProperty().addListener((o, a, b) -> theoryChanged());
        observable.valueProperty().addListener((o, a, b) -> render(shown));
        run.setOnAction(e -> start());
        stop.setOnAction(e -> stop());
        deltaH.setOnAction(e -> deltaH());
        stop.disableProperty().bind(running.not());
        run.disableProperty().bind(running);

        traceSeries = trace.addSeries("chain", ChartStyle.PALETTE[0], 1.2f, false);
        rhoSeries = rho.addSeries("ρ(τ)", ChartStyle.PALETTE[0], 2.5f, false);
        energySeries = energy.addSeries("rms ΔH, τ = 1", ChartStyle.PALETTE[1], 2.5f, true);
        energySlope = energy.addSeries("∝ δt²", ChartStyle.PALETTE[2], 1.5f, false);
        energy.setLogAxes(true, true);
        trace.hideLegend();
        rho.hideLegend();
        energy.setTitle("energy violation: press ΔH against δt");
        theory.setConverter(TheoryNames.CONVERTER);
        observable.setPrefWidth(200);

        // the buttons first, where they show on the smallest screen without scrolling
        run.getStyleClass().add("accent");
        VBox controls = new VBox(
                8,
                new HBox(8, run, stop),
                new Label("Theory"),
                theory,
                form,
                randomLength,
                new Label("Observable"),
                observable,
                deltaH);
        controls.setPadding(new Insets(8));
        controls.setPrefWidth(250);
        ScrollPane left = new ScrollPane(controls);
        left.setFitToWidth(true);
        left.setPrefWidth(265);
        setLeft(left);

        stats.setId("chainsStats");
        stats.getStyleClass().add("view-title");
        stats.setWrapText(true);
        warning.setId("chainsWarning");
        warning.setWrapText(true);
        warning.setStyle("-fx-text-fill: -color-danger-fg; -fx-font-size: 14px;");
        GridPane charts = new GridPane();
        charts.setHgap(6);
        charts.setVgap(6);
        charts.add(trace, 0, 0, 2, 1);
        charts.add(rho, 0, 1);
        charts.add(energy, 1, 1);
        for (ChainChart c : List.of(trace, rho, energy)) {
            GridPane.setHgrow(c, Priority.ALWAYS);
            GridPane.setVgrow(c, Priority.ALWAYS);
            c.setPrefSize(400, 200);
        }
        VBox center = new VBox(4, stats, warning, charts);
        VBox.setVgrow(charts, Priority.ALWAYS);
        center.setPadding(new Insets(6));
        setCenter(center);
        theoryChanged();
        pulse = new Timeline(new KeyFrame(Duration.millis(100), e -> drain()));
        pulse.setCycleCount(Timeline.INDEFINITE);
        pulse.play();
    }

    private void theoryChanged() {
        boolean u1 = "u1".equals(theory.getValue());
        form.show("m2", !u1);
        form.show("lambda", !u1);
        form.show("beta", u1);
        List<String> names = ChainSetup.of(theory.getValue(), Map.of()).observables().stream()
                .map(o -> o.name())
                .toList();
        String keep = observable.getValue();
        observable.getItems().setAll(names);
        String slowest = u1 ? U1Observables.TOP_CHARGE : Phi4Observables.M;
        observable.setValue(names.contains(keep) ? keep : names.contains(slowest) ? slowest : names.get(0));
    }

    /**
     * Applies link parameters (theory first, then the fields).
     *
     * @param p the parameters (already checked for unknown keys by the page)
     */
    void apply(Map<String, String> p) {
        if (p.containsKey("theory")) {
            String t = p.get("theory");
            if (!theory.getItems().contains(t)) {
                throw new IllegalArgumentException("theory must be phi4 or u1, not '" + t + "'");
            }
            theory.setValue(t);
        }
        for (String key : List.of("L", "m2", "lambda", "beta", "dt", "nleap", "n", "therm", "seed")) {
            if (p.containsKey(key)) {
                form.set(key, p.get(key));
            }
        }
        if (p.containsKey("length")) {
            String l = p.get("length");
            if (!l.equals("random") && !l.equals("fixed")) {
                throw new IllegalArgumentException("length must be random or fixed, not '" + l + "'");
            }
            randomLength.setSelected(l.equals("random"));
        }
        if (p.containsKey("observable")) {
            if (!observable.getItems().contains(p.get("observable"))) {
                throw new IllegalArgumentException(
                        "observable must be one of " + observable.getItems() + ", not '" + p.get("observable") + "'");
            }
            observable.setValue(p.get("observable"));
        }
        plan();
    }

    /** Checks the fields and builds the chain's plan. */
    private LiveChain.Plan plan() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("L", Integer.toString(form.integer("L", 2, 64)));
        if ("u1".equals(theory.getValue())) {
            values.put("beta", Double.toString(form.real("beta", 0, 100)));
        } else {
            values.put("m2", Double.toString(form.real("m2", -50, 50)));
            values.put("lambda", Double.toString(form.real("lambda", 0, 1000)));
        }
        ChainSetup s = ChainSetup.of(theory.getValue(), values);
        long seed = form.integer("seed", 0, Integer.MAX_VALUE);
        LiveChain.Plan plan = new LiveChain.Plan(
                s.system(),
                s.observables(),
                s.start(seed),
                form.real("dt", 1e-4, 2),
                form.integer("nleap", 1, 1000),
                randomLength.isSelected(),
                form.integer("therm", 0, 1_000_000),
                form.integer("n", 20, 2_000_000),
                seed);
        setup = s;
        return plan;
    }

    /** Starts the chain with the current settings. */
    void start() {
        if (running.get()) {
            return;
        }
        LiveChain.Plan plan;
        try {
            plan = plan();
        } catch (IllegalArgumentException e) {
            warning.setText(e.getMessage());
            return;
        }
        exact = setup.exact();
        warning.setText("");
        stats.setText("Running HMC for " + setup.describe() + " …");
        trace.clear();
        rho.clear();
        shown = null;
        pending.set(null);
        chain = new LiveChain(plan, pending::set, 150);
        running.set(true);
        worker.submit(chain);
    }

    /** Stops the chain after its current trajectory. */
    void stop() {
        if (chain != null) {
            chain.cancel();
        }
    }

    private void drain() {
        LiveChain.Snapshot s = pending.getAndSet(null);
        if (s == null) {
            return;
        }
        shown = s;
        render(s);
        if (s.finished()) {
            running.set(false);
        }
    }

    private void render(LiveChain.Snapshot s) {
        if (s == null || observable.getValue() == null || !s.names().contains(observable.getValue())) {
            return;
        }
        String name = observable.getValue();
        double[] y = s.series().get(s.names().indexOf(name));
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        trace.setTitle("history of " + name);
        trace.setData(traceSeries, x, y);
        Double ex = exact.get(name);
        trace.setRangeMarker(
                ex == null ? Double.NaN : ex, ex == null ? null : String.format(Locale.ROOT, "exact %.4g", ex));
        String progress = String.format(Locale.ROOT, "%d of %d trajectories", s.done(), s.total());
        if (s.analysis() == null) {
            stats.setText(s.done() < s.total() ? "thermalising: " + progress : progress);
            return;
        }
        Autocorrelation.Analysis a = s.analysis().analyses().get(name);
        Estimate e = s.analysis().estimates().get(name);
        double[] lag = new double[a.rho().length];
        for (int t = 0; t < lag.length; t++) {
            lag[t] = t;
        }
        rho.setData(rhoSeries, lag, a.rho());
        rho.setDomainMarker(
                ChainAnalysis.isConstant(a) ? Double.NaN : a.window(),
                "window W = " + a.window() + (a.windowFound() ? "" : " (not found)"));
        rho.setTitle(
                ChainAnalysis.isConstant(a)
                        ? "ρ(τ): " + name + " never changed"
                        : String.format(Locale.ROOT, "ρ(τ) of %s, τ_int = ½ + Σ ρ up to W", name));
        String tau = ChainAnalysis.isConstant(a)
                ? "τ_int unknown (never changed)"
                : String.format(Locale.ROOT, "τ_int(%s) = %.2f ± %.2f", name, a.tauInt(), a.tauIntErr());
        String mean = Double.isFinite(e.err())
                ? String.format(Locale.ROOT, "⟨%s⟩ = %.4f ± %.4f", name, e.mean(), e.err())
                : String.format(Locale.ROOT, "⟨%s⟩ = %.4f", name, e.mean());
        stats.setText(String.format(
                Locale.ROOT,
                "%s   ·   acceptance %.3f   ·   %s%s   ·   %s",
                tau,
                s.acceptance(),
                mean,
                ex == null ? "" : String.format(Locale.ROOT, " (exact %.4f)", ex),
                progress));
        warning.setText(
                s.analysis().verdict().reliable() ? "" : s.analysis().verdict().warning());
    }

    /** Measures deltaH against dt at trajectory length 1 on the current theory (background thread). */
    void deltaH() {
        LiveChain.Plan plan;
        try {
            plan = plan();
        } catch (IllegalArgumentException e) {
            warning.setText(e.getMessage());
            return;
        }
        deltaH.setDisable(true);
        energy.setTitle("energy violation: measuring …");
        worker.submit(() -> {
            List<EnergyViolation.Point> points =
                    EnergyViolation.scan(plan.system(), plan.start(), 1.0, DELTA_H_STEPS, 100, 200, plan.seed(), null);
            Platform.runLater(() -> showDeltaH(points));
        });
    }

    private void showDeltaH(List<EnergyViolation.Point> points) {
        double[] dt =
                points.stream().mapToDouble(EnergyViolation.Point::stepSize).toArray();
        double[] rms =
                points.stream().mapToDouble(EnergyViolation.Point::rmsDeltaH).toArray();
        energy.setData(energySeries, dt, rms);
        // the asymptotic slope from the three smallest step sizes (the largest may be near the leapfrog's stability
        // limit)
        int k = dt.length;
        double[] smallDt = java.util.Arrays.copyOfRange(dt, k - 3, k);
        double[] smallRms = java.util.Arrays.copyOfRange(rms, k - 3, k);
        double[] ref = new double[k];
        for (int i = 0; i < k; i++) {
            ref[i] = rms[k - 1] * Math.pow(dt[i] / dt[k - 1], 2);
        }
        energy.setData(energySlope, dt, ref);
        energy.setTitle(String.format(
                Locale.ROOT,
                "rms ΔH ∝ δt^%.2f at small δt (leapfrog: 2)",
                CriticalSlowingDown.logLogSlope(smallDt, smallRms)));
        deltaH.setDisable(false);
    }

    /**
     * Whether a chain is running.
     *
     * @return the property
     */
    BooleanProperty runningProperty() {
        return running;
    }

    /**
     * The last snapshot shown (for tests).
     *
     * @return the snapshot or null
     */
    LiveChain.Snapshot shown() {
        return shown;
    }

    /**
     * The energy-violation chart (for tests).
     *
     * @return the chart
     */
    ChainChart energyChart() {
        return energy;
    }

    /**
     * The rho chart (for tests).
     *
     * @return the chart
     */
    ChainChart rhoChart() {
        return rho;
    }

    void setDark(boolean dark) {
        trace.setDark(dark);
        rho.setDark(dark);
        energy.setDark(dark);
    }

    void dispose() {
        stop();
        pulse.stop();
    }
}
