package org.flowlab.app.view.basics;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.scene.Node;

/**
 * Runs an action once, the first time a node is in a scene with itself and every ancestor
 * visible: a tab's content is built when the tab is first opened, so an unopened tab costs
 * nothing at start-up (JavaFX lays out and styles the content of hidden tabs too).
 */
final class WhenShown implements InvalidationListener {

    private final Node node;
    private final Runnable action;
    private final List<Node> watched = new ArrayList<>();
    private boolean done;

    private WhenShown(Node node, Runnable action) {
        this.node = node;
        this.action = action;
    }

    /**
     * Arranges for the action to run (on the FX thread) when the node is first shown, at once
     * if it is shown already.
     *
     * @param node the node
     * @param action what to run, once
     */
    static void once(Node node, Runnable action) {
        WhenShown w = new WhenShown(node, action);
        node.sceneProperty().addListener(w);
        w.check();
    }

    @Override
    public void invalidated(Observable observable) {
        check();
    }

    private void check() {
        if (done) {
            return;
        }
        unwatch();
        boolean visible = node.getScene() != null;
        for (Node n = node; n != null; n = n.getParent()) {
            n.visibleProperty().addListener(this);
            n.parentProperty().addListener(this);
            watched.add(n);
            visible &= n.isVisible();
        }
        if (visible) {
            done = true;
            unwatch();
            node.sceneProperty().removeListener(this);
            action.run();
        }
    }

    private void unwatch() {
        for (Node n : watched) {
            n.visibleProperty().removeListener(this);
            n.parentProperty().removeListener(this);
        }
        watched.clear();
    }
}
