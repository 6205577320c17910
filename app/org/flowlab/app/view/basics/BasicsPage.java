package org.flowlab.app.view.basics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.flowlab.app.Page;
import org.flowlab.app.task.AppTrainer;

/**
 * The Basics tab: machine learning from zero, before any flow. Three experiments, each its own
 * inner tab: fit a function (with MSE or MAE, outliers, the hidden units' picture), classify
 * points in the plane (a live decision boundary), and why convolutions suit lattices. Training
 * runs on the application's one {@link AppTrainer}. Each experiment is built when its tab is
 * first shown (or a link addresses it), so the page costs nothing at start-up.
 *
 * <p>Links: {@code flowlab:basics?experiment=fit&function=sinc&loss=mae&outliers=0.2&...},
 * {@code experiment=classify&data=moons&...}, {@code experiment=convolution&filter=edge&dx=3&...};
 * every setting of the experiment may be given, the rest take their defaults,
 * {@code compare=true} trains MSE and MAE side by side, {@code speed=slow|normal|fast|fastest}
 * sets the pace, and {@code start=false} only fills the settings.
 */
public final class BasicsPage implements Page {

    private final AppTrainer trainer;
    private final TabPane tabs = new TabPane();
    private final Tab fitTab = new Tab("Fit a function");
    private final Tab classifyTab = new Tab("Classify");
    private final Tab convolutionTab = new Tab("Why convolutions");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private FitPane fit;
    private ClassifyPane classify;
    private ConvolutionPane convolution;
    private boolean shown;
    private boolean dark;

    /**
     * Builds the page.
     *
     * @param trainer the application's trainer
     */
    public BasicsPage(AppTrainer trainer) {
        this.trainer = trainer;
        fitTab.setId("basics-fit");
        classifyTab.setId("basics-classify");
        convolutionTab.setId("basics-convolution");
        tabs.getTabs().addAll(fitTab, classifyTab, convolutionTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("basicsView");
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            if (shown) {
                build(now.intValue());
            }
        });
        WhenShown.once(tabs, () -> {
            shown = true;
            build(tabs.getSelectionModel().getSelectedIndex());
        });
    }

    private void build(int tab) {
        switch (tab) {
            case 0 -> fit();
            case 1 -> classify();
            default -> convolution();
        }
    }

    @Override
    public String id() {
        return "basics";
    }

    @Override
    public String title() {
        return "Basics";
    }

    @Override
    public Node view() {
        return tabs;
    }

    @Override
    public void setDark(boolean on) {
        dark = on;
        if (fit != null) {
            fit.setDark(on);
        }
        if (classify != null) {
            classify.setDark(on);
        }
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    private void updateBusy() {
        busy.set((fit != null && fit.runningProperty().get())
                || (classify != null && classify.runningProperty().get()));
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code experiment} is fit (the default), classify or convolution.
     */
    @Override
    public void openLink(Map<String, String> parameters) {
        Map<String, String> rest = new LinkedHashMap<>(parameters);
        String experiment = rest.remove("experiment");
        String which = experiment == null ? "fit" : experiment.trim().toLowerCase(Locale.ROOT);
        switch (which) {
            case "fit" -> {
                fit().openLink(rest);
                tabs.getSelectionModel().select(fitTab);
            }
            case "classify" -> {
                classify().openLink(rest);
                tabs.getSelectionModel().select(classifyTab);
            }
            case "convolution" -> {
                convolution().openLink(rest);
                tabs.getSelectionModel().select(convolutionTab);
            }
            default ->
                throw new IllegalArgumentException(
                        "experiment must be fit, classify or convolution, not '" + experiment + "'");
        }
    }

    @Override
    public void dispose() {
        if (fit != null) {
            fit.stop();
        }
        if (classify != null) {
            classify.stop();
        }
    }

    /**
     * How many of the three experiments have been built (for tests).
     *
     * @return 0 to 3
     */
    int built() {
        return (fit == null ? 0 : 1) + (classify == null ? 0 : 1) + (convolution == null ? 0 : 1);
    }

    /**
     * The fit experiment, built on first use.
     *
     * @return the pane
     */
    FitPane fit() {
        if (fit == null) {
            fit = new FitPane(trainer);
            fit.setDark(dark);
            fit.runningProperty().addListener(o -> updateBusy());
            fitTab.setContent(fit);
        }
        return fit;
    }

    /**
     * The classification experiment, built on first use.
     *
     * @return the pane
     */
    ClassifyPane classify() {
        if (classify == null) {
            classify = new ClassifyPane(trainer);
            classify.setDark(dark);
            classify.runningProperty().addListener(o -> updateBusy());
            classifyTab.setContent(classify);
        }
        return classify;
    }

    /**
     * The convolution experiment, built on first use.
     *
     * @return the pane
     */
    ConvolutionPane convolution() {
        if (convolution == null) {
            convolution = new ConvolutionPane();
            convolutionTab.setContent(convolution);
        }
        return convolution;
    }
}
