package org.flowlab.app.view;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The layout the training tabs share: a tool bar (title, Train / Pause / Stop, file actions, and
 * a toggle for the settings sidebar), the settings sidebar on the left (scrolls; collapsible),
 * the curves and pictures in the middle (scroll when the window is smaller than their minimum
 * sizes, so every control stays reachable at 1280 × 720), and a status bar. Presentation mode
 * hides the sidebar and the chart options.
 */
public final class RunLayout {

    private final ScrollPane sidebar;
    private final ToggleButton settings = new ToggleButton("Settings");
    private final Button train;
    private final Button pause;
    private final Node chartOptions;
    private boolean presentation;

    /**
     * Lays out a page.
     *
     * @param page the page's root
     * @param idPrefix prefix of the node ids ("" in the Lab)
     * @param title the title in the tool bar
     * @param sidebarContent the settings
     * @param centre the curves and pictures
     * @param statusBar the status bar
     * @param runButtons Train, Pause and Stop (bound by {@link RunControls})
     * @param fileNodes further tool-bar items (save, open, export ...)
     * @param chartOptions the chart options row (hidden in presentation mode), or null
     */
    public RunLayout(
            BorderPane page,
            String idPrefix,
            String title,
            Node sidebarContent,
            Region centre,
            Node statusBar,
            List<Button> runButtons,
            List<? extends Node> fileNodes,
            Node chartOptions) {
        this.train = runButtons.get(0);
        this.pause = runButtons.get(1);
        this.chartOptions = chartOptions;
        Region content = sidebarContent instanceof Region r ? r : new HBox(sidebarContent);
        content.setPadding(new Insets(12));
        sidebar = new ScrollPane(content);
        sidebar.setId(idPrefix + "sidebar");
        sidebar.setFitToWidth(true);
        sidebar.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        sidebar.getStyleClass().add("sidebar");
        page.setLeft(sidebar);

        settings.setId(idPrefix + "settingsToggle");
        settings.setSelected(true);
        settings.setTooltip(new Tooltip("Show or hide the settings, to give the pictures more room"));
        settings.selectedProperty().addListener((o, was, now) -> updateSidebar());
        Label heading = new Label(title);
        heading.getStyleClass().add("lab-title");
        List<Node> items = new ArrayList<>(List.of(heading, new Separator(Orientation.VERTICAL)));
        items.addAll(runButtons);
        if (!fileNodes.isEmpty()) {
            items.add(new Separator(Orientation.VERTICAL));
            items.addAll(fileNodes);
        }
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        items.add(spacer);
        items.add(settings);
        ToolBar bar = new ToolBar(items.toArray(new Node[0]));
        bar.setId(idPrefix + "toolbar");
        bar.getStyleClass().add("lab-toolbar");
        page.setTop(bar);

        centre.getStyleClass().add("run-centre");
        centre.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(centre);
        scroll.setId(idPrefix + "centreScroll");
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("centre-scroll");
        page.setCenter(scroll);
        page.setBottom(statusBar);
    }

    private void updateSidebar() {
        boolean show = settings.isSelected() && !presentation;
        sidebar.setVisible(show);
        sidebar.setManaged(show);
        if (chartOptions != null) {
            chartOptions.setVisible(!presentation);
            chartOptions.setManaged(!presentation);
        }
    }

    /**
     * Enters or leaves presentation mode.
     *
     * @param on whether presentation mode is on
     */
    public void setPresentation(boolean on) {
        presentation = on;
        if (on) {
            settings.setSelected(false);
        } else {
            settings.setSelected(true);
        }
        updateSidebar();
    }

    /** Presses Train, when it is enabled. */
    public void train() {
        if (!train.isDisabled()) {
            train.fire();
        }
    }

    /** Presses Pause (or Resume), when it is enabled. */
    public void pauseOrResume() {
        if (!pause.isDisabled()) {
            pause.fire();
        }
    }

    /**
     * Reads a link's {@code start} parameter.
     *
     * @param value its value, or null when absent
     * @return whether to start the experiment (true when absent)
     * @throws IllegalArgumentException for anything but true or false
     */
    public static boolean startFlag(String value) {
        if (value == null || value.equals("true")) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException("start must be true or false, not '" + value + "'");
    }
}
