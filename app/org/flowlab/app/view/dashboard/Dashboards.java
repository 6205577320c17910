package org.flowlab.app.view.dashboard;

import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;

/** Layout and numeric helpers shared by the dashboards. */
final class Dashboards {

    private Dashboards() {}

    /**
     * Lays out a dashboard's parts: side by side in equal shares of the width, or, compact (two
     * dashboards side by side in Compare), one above the other in the full width.
     */
    static void arrange(GridPane grid, boolean compact, Region... regions) {
        if (compact) {
            rows(grid, regions);
        } else {
            columns(grid, regions);
        }
    }

    /** Lays out regions one above the other, each in the full width, sharing the height. */
    static void rows(GridPane grid, Region... regions) {
        grid.setVgap(8);
        ColumnConstraints c = new ColumnConstraints();
        c.setPercentWidth(100);
        grid.getColumnConstraints().setAll(c);
        grid.getRowConstraints().clear();
        for (int i = 0; i < regions.length; i++) {
            Region n = regions[i];
            RowConstraints r = new RowConstraints();
            r.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(r);
            grid.add(n, 0, i);
            GridPane.setHgrow(n, Priority.ALWAYS);
            GridPane.setVgrow(n, Priority.ALWAYS);
            n.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        }
    }

    /** Lays out regions side by side in equal shares of the width, each taking all the height. */
    static void columns(GridPane grid, Region... regions) {
        double[] shares = new double[regions.length];
        java.util.Arrays.fill(shares, 100.0 / regions.length);
        columns(grid, shares, regions);
    }

    /** Lays out regions side by side in given percentages of the width, each taking all the height. */
    static void columns(GridPane grid, double[] percents, Region... regions) {
        grid.setHgap(10);
        grid.getColumnConstraints().clear();
        for (int i = 0; i < regions.length; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(percents[i]);
            grid.getColumnConstraints().add(c);
        }
        RowConstraints r = new RowConstraints();
        r.setPercentHeight(100);
        grid.getRowConstraints().setAll(r);
        for (int i = 0; i < regions.length; i++) {
            Region n = regions[i];
            grid.add(n, i, 0);
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
