package org.flowlab.app.view.dashboard;

import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;

/** Layout and numeric helpers shared by the dashboards. */
final class Dashboards {

    private Dashboards() {}

    /** Lays out two regions side by side, each taking half the width and all the height. */
    static void twoColumns(GridPane grid, Region left, Region right) {
        grid.setHgap(10);
        ColumnConstraints c = new ColumnConstraints();
        c.setPercentWidth(50);
        grid.getColumnConstraints().setAll(c, c);
        RowConstraints r = new RowConstraints();
        r.setPercentHeight(100);
        grid.getRowConstraints().setAll(r);
        grid.add(left, 0, 0);
        grid.add(right, 1, 0);
        for (Region n : new Region[] {left, right}) {
            GridPane.setHgrow(n, Priority.ALWAYS);
            GridPane.setVgrow(n, Priority.ALWAYS);
            n.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        }
    }

    static double maxAbs(double[] v) {
        double m = 0;
        if (v != null) {
            for (double x : v) {
                m = Math.max(m, Math.abs(x));
            }
        }
        return m;
    }
}
