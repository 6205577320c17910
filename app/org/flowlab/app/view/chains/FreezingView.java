package org.flowlab.app.view.chains;

import java.util.ArrayList;
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
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.flowlab.app.chart.ChartStyle;
import org.flowlab.app.task.AppTrainer;
import org.flowlab.model.scan.FreezingPoint;
import org.flowlab.model.scan.FreezingScan;
import org.flowlab.model.scan.GaugeFlows;
import org.flowlab.model.scan.U1Chains;

/**
 * Flow MCMC against HMC along the beta ladder of U(1) on 8 x 8: tau_int(Q) of both samplers
 * (HMC's grows by orders of magnitude, the flow's stays near 1/acceptance) and their
 * acceptance, with the shipped pre-trained flows; the independence-Metropolis rule and why it
 * cannot freeze; and a button that trains one flow live on the application's trainer.
 */
final class FreezingView extends BorderPane {

    /** What the panel says about the accept rule, next to the charts. */
    static final String RULE = "Flow MCMC: propose x′ ~ q independently of x, accept with probability min(1, w′/w), "
            + "w = p/q ∝ exp(−S)/q";

    /** Why independent proposals cannot freeze, under the rule. */
    static final String EXPLANATION =
            "The chain samples p exactly whatever q is; a good flow only makes it accept more. "
                    + "Every accepted proposal is a fresh draw, so the chain forgets its topological sector at each acceptance: "
                    + "τ_int(Q) stays near 1/acceptance at any β. HMC moves the links a little per trajectory; to change Q a "
                    + "plaquette must pass θ_P = π, 2β above the minimum of its action, so tunnelling becomes exponentially rare.";

    private final AppTrainer trainer;
    private final ExecutorService worker;
    private final ChainForm form = new ChainForm();
    private final Button compare = new Button("Compare");
    private final Button stop = new Button("Stop");
    private final Button train = new Button("Train a flow live");
    private final Label status =
            new Label("Press Compare: HMC and the shipped pre-trained flows, β = 1 … 6, in seconds.");
    private final Label trainStatus = new Label();
    private final ChainChart tau = new ChainChart("chainsFreezeTau", "τ_int(Q) against β, U(1) 8 × 8", "β", "τ_int(Q)");
    private final ChainChart accept = new ChainChart("chainsFreezeAccept", "acceptance", "β", "acceptance");
    private final int tauHmc;
    private final int tauFlow;
    private final int tauOwn;
    private final int acceptHmc;
    private final int acceptFlow;
    private final int acceptOwn;
    private final List<FreezingPoint> hmcPoints = new ArrayList<>();
    private final List<FreezingPoint> flowPoints = new ArrayList<>();
    private final List<FreezingPoint> ownPoints = new ArrayList<>();
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final AtomicReference<String> trainProgress = new AtomicReference<>();
    private final Timeline pulse;
    private volatile boolean cancelled;
    private int jobsLeft;
    private LiveFlowTraining training;

    FreezingView(AppTrainer trainer, ExecutorService worker) {
        this.trainer = trainer;
        this.worker = worker;
        setId("chainsFreezing");
        form.add("flowN", "samples", "2000", "HMC trajectories and flow proposals per β");
        form.add("flowSeed", "seed", "1", "random seed");
        form.add("trainBeta", "train at β", "2", "coupling of the flow trained live (L = 8)");
        form.add("trainSteps", "train steps", "300", "training steps of the live flow");
        compare.setId("chainsCompare");
        stop.setId("chainsCompareStop");
        train.setId("chainsTrain");
        compare.getStyleClass().add("accent");
        compare.disableProperty().bind(running);
        train.disableProperty().bind(running);
        stop.disableProperty().bind(running.not());
        compare.setOnAction(e -> start());
        stop.setOnAction(e -> stop());
        train.setOnAction(e -> trainLive());
        tauHmc = tau.addSeries("HMC", ChartStyle.PALETTE[1], 3f, true);
        tauFlow = tau.addSeries("flow MCMC (shipped flows)", ChartStyle.PALETTE[0], 3f, true);
        tauOwn = tau.addSeries("flow MCMC (trained live)", ChartStyle.PALETTE[2], 3f, true);
        tau.setLogAxes(false, true);
        acceptHmc = accept.addSeries("HMC", ChartStyle.PALETTE[1], 3f, true);
        acceptFlow = accept.addSeries("flow MCMC", ChartStyle.PALETTE[0], 3f, true);
        acceptOwn = accept.addSeries("trained live", ChartStyle.PALETTE[2], 3f, true);
        accept.setRange(0, 1);
        tau.setWholeNumberDomain(0.5, 6.5);
        accept.setWholeNumberDomain(0.5, 6.5);
        status.setId("chainsFreezeStatus");
        status.getStyleClass().add("view-title");
        status.setWrapText(true);
        trainStatus.setId("chainsTrainStatus");
        trainStatus.setWrapText(true);
        trainStatus.getStyleClass().add("guide");
        Label rule = new Label(RULE);
        rule.setId("chainsRule");
        rule.setWrapText(true);
        rule.getStyleClass().add("view-title");
        Label why = new Label(EXPLANATION);
        why.setId("chainsWhy");
        why.setWrapText(true);
        why.getStyleClass().add("guide");
        compare.setTooltip(
                new javafx.scene.control.Tooltip("HMC and flow MCMC with the shipped pre-trained flows, β = 1 … 6"));
        VBox controls = new VBox(8, new HBox(8, compare, stop), new Label("U(1), L = 8"), form, train, trainStatus);
        controls.setPadding(new Insets(8));
        controls.setPrefWidth(250);
        ScrollPane left = new ScrollPane(controls);
        left.setFitToWidth(true);
        left.setPrefWidth(265);
        setLeft(left);
        GridPane charts = new GridPane();
        charts.setHgap(6);
        charts.add(tau, 0, 0);
        charts.add(accept, 1, 0);
        GridPane.setHgrow(tau, Priority.ALWAYS);
        GridPane.setVgrow(tau, Priority.ALWAYS);
        GridPane.setVgrow(accept, Priority.ALWAYS);
        tau.setPrefSize(560, 300);
        accept.setPrefSize(300, 300);
        VBox center = new VBox(6, status, charts, rule, why);
        VBox.setVgrow(charts, Priority.ALWAYS);
        center.setPadding(new Insets(6));
        setCenter(center);
        pulse = new Timeline(new KeyFrame(Duration.millis(200), e -> {
            String p = trainProgress.getAndSet(null);
            if (p != null) {
                trainStatus.setText(p);
            }
        }));
        pulse.setCycleCount(Timeline.INDEFINITE);
        pulse.play();
    }

    /**
     * Applies link parameters.
     *
     * @param p the parameters
     */
    void apply(Map<String, String> p) {
        if (p.containsKey("n")) {
            form.set("flowN", p.get("n"));
        }
        if (p.containsKey("seed")) {
            form.set("flowSeed", p.get("seed"));
        }
        if (p.containsKey("beta")) {
            form.set("trainBeta", p.get("beta"));
        }
        if (p.containsKey("steps")) {
            form.set("trainSteps", p.get("steps"));
        }
        form.integer("flowN", 20, 1_000_000);
        form.integer("flowSeed", 0, Integer.MAX_VALUE);
        form.real("trainBeta", 0, 20);
        form.integer("trainSteps", 1, 100_000);
    }

    /** Runs HMC (background thread) and flow MCMC (the trainer) along the shipped ladder. */
    void start() {
        if (running.get()) {
            return;
        }
        int n;
        long seed;
        try {
            n = form.integer("flowN", 20, 1_000_000);
            seed = form.integer("flowSeed", 0, Integer.MAX_VALUE);
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            return;
        }
        if (!trainer.claim(this, "Markov chains: flow MCMC along β = 1 … 6", this::stop)) {
            status.setText("The trainer is busy (" + describeClaim() + "): stop that run first.");
            return;
        }
        cancelled = false;
        hmcPoints.clear();
        flowPoints.clear();
        redraw();
        running.set(true);
        jobsLeft = 2;
        status.setText("Running HMC and flow MCMC for β = 1 … 6 …");
        List<GaugeFlows.Shipped> ladder = GaugeFlows.shipped();
        worker.submit(() -> {
            try {
                for (GaugeFlows.Shipped f : ladder) {
                    if (cancelled) {
                        break;
                    }
                    FreezingPoint p =
                            FreezingScan.hmc(f.size(), f.beta(), n, U1Chains.THERMALISATION, seed, () -> cancelled);
                    Platform.runLater(() -> add(hmcPoints, p));
                }
            } finally {
                Platform.runLater(this::jobDone);
            }
        });
        trainer.submit(() -> {
            try {
                for (GaugeFlows.Shipped f : ladder) {
                    if (cancelled) {
                        break;
                    }
                    FreezingPoint p = FreezingScan.shipped(f, n, seed, () -> cancelled);
                    Platform.runLater(() -> add(flowPoints, p));
                }
            } catch (RuntimeException | java.io.IOException e) {
                String message = e.getMessage();
                Platform.runLater(() -> status.setText("Flow MCMC failed: " + message));
            } finally {
                Platform.runLater(() -> {
                    trainer.release(this);
                    jobDone();
                });
            }
        });
    }

    private String describeClaim() {
        AppTrainer.Claim c = trainer.activeProperty().get();
        return c == null ? "another page" : c.description();
    }

    private void jobDone() {
        jobsLeft--;
        if (jobsLeft <= 0) {
            running.set(false);
            summarise();
        }
    }

    /** Trains one flow at the chosen beta on the trainer, then adds its flow-MCMC point. */
    void trainLive() {
        if (running.get()) {
            return;
        }
        double beta;
        int steps;
        int n;
        long seed;
        try {
            beta = form.real("trainBeta", 0, 20);
            steps = form.integer("trainSteps", 1, 100_000);
            n = form.integer("flowN", 20, 1_000_000);
            seed = form.integer("flowSeed", 0, Integer.MAX_VALUE);
        } catch (IllegalArgumentException e) {
            trainStatus.setText(e.getMessage());
            return;
        }
        LiveFlowTraining job = new LiveFlowTraining(
                8,
                beta,
                steps,
                n,
                seed,
                trainProgress::set,
                p -> Platform.runLater(() -> {
                    add(ownPoints, p);
                    trainStatus.setText(String.format(
                            Locale.ROOT,
                            "trained at β = %s: acceptance %.3f, τ_int(Q) %s%.1f%s",
                            trim(p.beta()),
                            p.acceptance(),
                            p.tauIntChargeFromTunnelling() ? "≈ " : "",
                            p.tauIntCharge(),
                            p.reliable() ? "" : " (unreliable: too few samples for this acceptance)"));
                }));
        if (!trainer.claim(
                this,
                String.format(Locale.ROOT, "Markov chains: training a U(1) flow at β = %s", trim(beta)),
                job::stop)) {
            trainStatus.setText("The trainer is busy (" + describeClaim() + "): stop that run first.");
            return;
        }
        training = job;
        running.set(true);
        trainStatus.setText("preparing …");
        trainer.submit(() -> {
            try {
                job.run();
            } finally {
                Platform.runLater(() -> {
                    trainer.release(this);
                    running.set(false);
                    training = null;
                    String p = trainProgress.getAndSet(null);
                    if (p != null && job.failure() != null) {
                        trainStatus.setText(p);
                    }
                });
            }
        });
    }

    /** Stops the comparison or the live training after the current step or chain. */
    void stop() {
        cancelled = true;
        LiveFlowTraining t = training;
        if (t != null) {
            t.stop();
        }
    }

    private void add(List<FreezingPoint> list, FreezingPoint p) {
        list.add(p);
        redraw();
    }

    private void redraw() {
        tau.setData(
                tauHmc,
                beta(hmcPoints),
                hmcPoints.stream().mapToDouble(FreezingPoint::tauIntCharge).toArray());
        tau.setData(
                tauFlow,
                beta(flowPoints),
                flowPoints.stream().mapToDouble(FreezingPoint::tauIntCharge).toArray());
        tau.setData(
                tauOwn,
                beta(ownPoints),
                ownPoints.stream().mapToDouble(FreezingPoint::tauIntCharge).toArray());
        accept.setData(
                acceptHmc,
                beta(hmcPoints),
                hmcPoints.stream().mapToDouble(FreezingPoint::acceptance).toArray());
        accept.setData(
                acceptFlow,
                beta(flowPoints),
                flowPoints.stream().mapToDouble(FreezingPoint::acceptance).toArray());
        accept.setData(
                acceptOwn,
                beta(ownPoints),
                ownPoints.stream().mapToDouble(FreezingPoint::acceptance).toArray());
    }

    private void summarise() {
        if (hmcPoints.isEmpty() || flowPoints.isEmpty()) {
            return;
        }
        FreezingPoint h = hmcPoints.get(hmcPoints.size() - 1);
        FreezingPoint f = flowPoints.stream()
                .filter(p -> p.beta() == h.beta())
                .findFirst()
                .orElse(null);
        if (f == null) {
            return;
        }
        double ratio = h.tauIntCharge() / f.tauIntCharge();
        status.setText(String.format(
                Locale.ROOT,
                "β = %s: τ_int(Q) %s%.1f by HMC against %.1f by flow MCMC (acceptance %.2f): %s",
                trim(h.beta()),
                h.tauIntChargeFromTunnelling() ? "≈ " : "",
                h.tauIntCharge(),
                f.tauIntCharge(),
                f.acceptance(),
                ratio > 1.5
                        ? String.format(
                                Locale.ROOT, "flow MCMC needs %.0f times fewer steps per independent charge.", ratio)
                        : "here HMC decorrelates Q as fast or faster."));
    }

    private static double[] beta(List<FreezingPoint> points) {
        return points.stream().mapToDouble(FreezingPoint::beta).toArray();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Whether a comparison or a training runs.
     *
     * @return the property
     */
    BooleanProperty runningProperty() {
        return running;
    }

    /**
     * Points measured so far (for tests).
     *
     * @param flow true for flow MCMC, false for HMC
     * @return the points
     */
    List<FreezingPoint> points(boolean flow) {
        return List.copyOf(flow ? flowPoints : hmcPoints);
    }

    void setDark(boolean dark) {
        tau.setDark(dark);
        accept.setDark(dark);
    }

    void dispose() {
        stop();
        pulse.stop();
    }
}
