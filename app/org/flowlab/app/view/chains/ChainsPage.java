package org.flowlab.app.view.chains;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.flowlab.app.Page;
import org.flowlab.app.PageAction;
import org.flowlab.app.task.AppTrainer;

/**
 * The Markov chains tab: a live HMC chain with its autocorrelation, critical slowing down
 * measured along a scan, and flow MCMC against HMC at the U(1) beta ladder.
 *
 * <p>Links: {@code flowlab:chains?view=live&theory=u1&L=8&beta=4&n=5000&seed=1} (also
 * {@code m2, lambda, dt, nleap, therm, length=random|fixed, observable}),
 * {@code flowlab:chains?view=slowing&theory=phi4&L=16&m2=1,0.5,0.25&n=5000&seed=1} (U(1):
 * {@code beta=1,2,3}), {@code flowlab:chains?view=freezing&n=2000&seed=1} (with
 * {@code train=true&beta=2&steps=300}: train a flow live instead); {@code start=false} only
 * fills the settings.
 */
public final class ChainsPage implements Page {

    /** The page id in links. */
    public static final String ID = "chains";

    private static final Set<String> LIVE_KEYS =
            Set.of("theory", "L", "m2", "lambda", "beta", "dt", "nleap", "n", "therm", "seed", "length", "observable");
    private static final Set<String> SLOWING_KEYS = Set.of("theory", "L", "m2", "beta", "n", "seed");
    private static final Set<String> FREEZING_KEYS = Set.of("n", "seed", "beta", "steps", "train");

    private final ExecutorService worker;
    private final LiveChainView live;
    private final SlowingDownView slowing;
    private final FreezingView freezing;
    private final BorderPane root = new BorderPane();
    private final ToggleGroup views = new ToggleGroup();
    private final ToggleButton liveButton = new ToggleButton("Live chain");
    private final ToggleButton slowingButton = new ToggleButton("Critical slowing down");
    private final ToggleButton freezingButton = new ToggleButton("Flow MCMC vs HMC");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    /**
     * Builds the page.
     *
     * @param trainer the application's trainer (flow sampling and training run there)
     */
    public ChainsPage(AppTrainer trainer) {
        AtomicInteger threads = new AtomicInteger();
        worker = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "chains-" + threads.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        live = new LiveChainView(worker);
        slowing = new SlowingDownView(worker);
        freezing = new FreezingView(trainer, worker);
        busy.bind(Bindings.or(
                live.runningProperty(), Bindings.or(slowing.runningProperty(), freezing.runningProperty())));
        liveButton.setId("chainsViewLive");
        slowingButton.setId("chainsViewSlowing");
        freezingButton.setId("chainsViewFreezing");
        for (ToggleButton b : List.of(liveButton, slowingButton, freezingButton)) {
            b.setToggleGroup(views);
            b.getStyleClass().add("big-button");
        }
        liveButton.setOnAction(e -> show(live, liveButton));
        slowingButton.setOnAction(e -> show(slowing, slowingButton));
        freezingButton.setOnAction(e -> show(freezing, freezingButton));
        Label title = new Label("Markov chains");
        title.getStyleClass().add("lab-title");
        HBox bar = new HBox(10, title, liveButton, slowingButton, freezingButton);
        bar.getStyleClass().add("lab-toolbar");
        bar.setPadding(new Insets(6, 10, 6, 10));
        root.setTop(bar);
        root.setId("chainsPage");
        show(live, liveButton);
    }

    private void show(Node view, ToggleButton button) {
        root.setCenter(view);
        button.setSelected(true);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Markov chains";
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public void setDark(boolean dark) {
        live.setDark(dark);
        slowing.setDark(dark);
        freezing.setDark(dark);
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    @Override
    public void openLink(Map<String, String> parameters) {
        String view = parameters.getOrDefault("view", "live");
        Set<String> allowed = switch (view) {
            case "live" -> LIVE_KEYS;
            case "slowing" -> SLOWING_KEYS;
            case "freezing" -> FREEZING_KEYS;
            default -> throw new IllegalArgumentException("view must be live, slowing or freezing, not '" + view + "'");
        };
        boolean start = true;
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            String key = e.getKey();
            if (key.equals("view")) {
                continue;
            }
            if (key.equals("start")) {
                start = parseBoolean("start", e.getValue());
            } else if (!allowed.contains(key)) {
                throw new IllegalArgumentException(
                        "unknown parameter '" + key + "' for the " + view + " view of the Markov chains tab");
            }
        }
        switch (view) {
            case "live" -> {
                live.apply(parameters);
                show(live, liveButton);
                if (start) {
                    live.start();
                }
            }
            case "slowing" -> {
                slowing.apply(parameters);
                show(slowing, slowingButton);
                if (start) {
                    slowing.start();
                }
            }
            default -> {
                boolean train = parseBoolean("train", parameters.getOrDefault("train", "false"));
                freezing.apply(parameters);
                show(freezing, freezingButton);
                if (start) {
                    if (train) {
                        freezing.trainLive();
                    } else {
                        freezing.start();
                    }
                }
            }
        }
    }

    private static boolean parseBoolean(String key, String value) {
        if (value.equals("true") || value.equals("false")) {
            return value.equals("true");
        }
        throw new IllegalArgumentException(key + " must be true or false, not '" + value + "'");
    }

    @Override
    public boolean supports(PageAction action) {
        return action == PageAction.TRAIN || action == PageAction.STOP;
    }

    /** Ctrl+Enter presses the shown view's run button, Esc its stop button. */
    @Override
    public void perform(PageAction action) {
        List<String> ids = action == PageAction.TRAIN
                ? List.of("#chainsRun", "#chainsScanRun", "#chainsCompare")
                : List.of("#chainsStop", "#chainsScanStop", "#chainsCompareStop");
        Node shown = root.getCenter();
        for (String id : ids) {
            if (shown != null && shown.lookup(id) instanceof Button b && !b.isDisabled()) {
                b.fire();
                return;
            }
        }
    }

    @Override
    public void dispose() {
        live.dispose();
        slowing.dispose();
        freezing.dispose();
        worker.shutdownNow();
    }

    /**
     * The live-chain view (for tests).
     *
     * @return the view
     */
    LiveChainView live() {
        return live;
    }

    /**
     * The scan view (for tests).
     *
     * @return the view
     */
    SlowingDownView slowing() {
        return slowing;
    }

    /**
     * The flow-against-HMC view (for tests).
     *
     * @return the view
     */
    FreezingView freezing() {
        return freezing;
    }
}
