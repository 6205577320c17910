package org.flowlab.app.view.beyond;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.flowlab.app.Page;
import org.flowlab.app.task.AppTrainer;
import org.flowlab.model.anneal.ChainSpec;
import org.flowlab.model.anneal.ReferenceSamples;
import org.flowlab.model.anneal.StageResult;
import org.flowlab.model.spec.Settings;

/**
 * The "Beyond one flow" tab: a chain of flows along one coupling, stage by stage (the histogram of
 * the raw samples, of the reweighted samples and of HMC at each target, the stage's ESS and log
 * Z), live while it trains on the application's trainer; the four ways to the last target at
 * equal cost; and the ESS of a fixed trained flow against the lattice size.
 *
 * <p>Links: {@code flowlab:beyond?theory=phi4&L=4&lambda=1.5&m2=0:-0.5:6&flow=realnvp&hmcBetween=0
 * &stepsPerStage=200&seed=1}, plus {@code run=chain|compare|volume} and {@code start=false}.
 */
public final class BeyondPage implements Page {

    /** The page id used in links. */
    public static final String ID = "beyond";

    private final BeyondRunner runner;
    private final ChainForm form = new ChainForm();
    private final StagesPanel stages = new StagesPanel();
    private final ComparisonPanel comparison = new ComparisonPanel();
    private final VolumePanel volume = new VolumePanel();
    private final TabPane tabs = new TabPane();
    private final Label status = new Label();
    private final Button run = new Button("Run chain");
    private final Button compare = new Button("Compare at equal cost");
    private final Button scan = new Button("ESS against volume");
    private final Button stop = new Button("Stop");
    private final BorderPane root = new BorderPane();
    private final Map<String, Integer> stageReferences = new LinkedHashMap<>();
    private String compareReference;

    /**
     * Creates the page.
     *
     * @param trainer the application's training thread
     */
    public BeyondPage(AppTrainer trainer) {
        runner = new BeyondRunner(trainer);
        runner.setSink(this::onEvent);
        root.setId("beyondView");
        run.setId("beyond-run");
        compare.setId("beyond-compare-run");
        scan.setId("beyond-volume-run");
        stop.setId("beyond-stop");
        status.setId("beyond-status");
        status.getStyleClass().add("status-item");
        status.setWrapText(true);
        run.getStyleClass().add("big-button");
        run.setDefaultButton(true);
        run.setOnAction(e -> start(Jobs.Kind.CHAIN));
        compare.setOnAction(e -> start(Jobs.Kind.COMPARE));
        scan.setOnAction(e -> start(Jobs.Kind.VOLUME));
        stop.setOnAction(e -> runner.stop());
        stop.disableProperty().bind(runner.busyProperty().not());
        run.disableProperty().bind(runner.busyProperty());
        compare.disableProperty().bind(runner.busyProperty());
        scan.disableProperty().bind(runner.busyProperty());
        HBox buttons = new HBox(10, run, compare, scan, stop, status);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.setPadding(new Insets(2, 10, 6, 10));
        HBox.setHgrow(status, Priority.ALWAYS);
        VBox top = new VBox(form, buttons);
        top.getStyleClass().add("lab-toolbar");
        tabs.setId("beyond-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs()
                .addAll(
                        tab("Stages", "beyond-stages-tab", stages),
                        tab("Equal cost", "beyond-compare-tab", comparison),
                        tab("ESS against volume", "beyond-volume-tab", volume));
        root.setTop(top);
        root.setCenter(tabs);
    }

    private static Tab tab(String title, String id, Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        return t;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Beyond one flow";
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return runner.busyProperty();
    }

    @Override
    public void setDark(boolean dark) {
        stages.setDark(dark);
        comparison.setDark(dark);
        volume.setDark(dark);
    }

    @Override
    public void openLink(Map<String, String> parameters) {
        String what = parameters.getOrDefault("run", "chain");
        Jobs.Kind kind;
        switch (what) {
            case "chain":
                kind = Jobs.Kind.CHAIN;
                break;
            case "compare":
                kind = Jobs.Kind.COMPARE;
                break;
            case "volume":
                kind = Jobs.Kind.VOLUME;
                break;
            default:
                throw new IllegalArgumentException("run: choose chain, compare or volume, not '" + what + "'");
        }
        String start = parameters.getOrDefault("start", "true");
        if (!"true".equals(start) && !"false".equals(start)) {
            throw new IllegalArgumentException("start: write true or false, not '" + start + "'");
        }
        form.apply(parameters);
        ChainSpec spec = form.spec();
        tabs.getSelectionModel().select(kind.ordinal());
        if ("true".equals(start)) {
            start(kind, spec);
        }
    }

    private void start(Jobs.Kind kind) {
        ChainSpec spec;
        try {
            spec = form.spec();
        } catch (IllegalArgumentException e) {
            form.showError(e.getMessage());
            return;
        }
        start(kind, spec);
    }

    private void start(Jobs.Kind kind, ChainSpec spec) {
        form.showError(null);
        BeyondRunner.Job job;
        try {
            job = Jobs.create(kind, spec);
        } catch (IllegalArgumentException e) {
            form.showError(e.getMessage());
            return;
        }
        String problem = runner.start("Beyond one flow: " + kind.title(), job);
        if (problem != null) {
            status.setText(problem);
            return;
        }
        tabs.getSelectionModel().select(kind.ordinal());
        status.setText(kind.title() + " running…");
        switch (kind) {
            case CHAIN:
                stages.reset(spec);
                stageReferences.clear();
                for (int k = 0; k < spec.schedule().size(); k++) {
                    Settings s = spec.targetSettings(k);
                    stageReferences.put(BeyondRunner.key(spec.theoryKind(), s), k);
                    runner.requestReference(spec.theoryKind(), s, spec.seed() + 1000 + k);
                }
                break;
            case COMPARE:
                comparison.reset(
                        Jobs.methods(spec), spec.theory(), spec.schedule().key());
                Settings last = spec.targetSettings(spec.schedule().size() - 1);
                compareReference = BeyondRunner.key(spec.theoryKind(), last);
                runner.requestReference(spec.theoryKind(), last, spec.seed() + 2000);
                break;
            default:
                volume.reset();
                volume.status("training one flow from the prior, then applying it at larger L…");
        }
    }

    private void onEvent(Object event) {
        if (event instanceof Jobs.StageStarted s) {
            stages.started(s.stage());
        } else if (event instanceof Jobs.Step s) {
            stages.step(s.stage(), s.step());
        } else if (event instanceof StageResult r) {
            stages.finished(r);
        } else if (event instanceof Jobs.MethodProgress p) {
            comparison.progress(p.method(), p.text());
        } else if (event instanceof Jobs.MethodStage s) {
            comparison.stage(s.method(), s.stage());
        } else if (event instanceof Jobs.MethodDone d) {
            comparison.finished(d.method(), d.result());
        } else if (event instanceof Jobs.VolumeProgress p) {
            volume.status(p.text());
        } else if (event instanceof Jobs.VolumeDone d) {
            volume.show(d.points(), d.samples());
        } else if (event instanceof BeyondRunner.Reference r) {
            reference(r.key(), r.samples());
        } else if (event instanceof BeyondRunner.Ended e) {
            status.setText(e.failed() ? "failed: " + e.message() : e.message());
        }
    }

    private void reference(String key, ReferenceSamples samples) {
        Integer stage = stageReferences.get(key);
        if (stage != null) {
            stages.reference(stage, samples);
        }
        if (key.equals(compareReference)) {
            comparison.reference(samples);
        }
    }

    /**
     * The stage rows (for tests).
     *
     * @return the panel
     */
    StagesPanel stages() {
        return stages;
    }

    /**
     * The comparison (for tests).
     *
     * @return the panel
     */
    ComparisonPanel comparison() {
        return comparison;
    }

    /**
     * The volume scan (for tests).
     *
     * @return the panel
     */
    VolumePanel volume() {
        return volume;
    }

    /**
     * The status line (for tests).
     *
     * @return its text
     */
    String statusText() {
        return status.getText();
    }

    @Override
    public void dispose() {
        runner.close();
    }
}
