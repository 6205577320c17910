package org.flowlab.app.view.course;

import java.util.Arrays;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.flowlab.app.view.canvas.FieldView;
import org.flowlab.model.flow.gauge.GaugeCheck;
import org.flowlab.model.lattice.Angles;
import org.flowlab.model.lattice.U1GaugeTheory;
import org.flowlab.model.spec.Experiment;

/**
 * The gauge-invariance check in the window: a configuration drawn from a gauge-equivariant
 * flow, a random gauge transformation, and side by side the links (which all move), the
 * plaquettes (which do not), and log q, S and Q of both configurations.
 */
public final class GaugeCheckView extends BorderPane {

    private final FlowSource source;
    private final Label summary = new Label("Computing …");
    private final Button another = new Button("Another gauge transformation");
    private final GridPane table = new GridPane();
    private final FieldView linksBefore = new FieldView("gaugeLinksBefore", "θ₀(x) before");
    private final FieldView linksAfter = new FieldView("gaugeLinksAfter", "θ₀(x) after");
    private final FieldView plaquettesBefore = new FieldView("gaugePlaquettesBefore", "θ_P(x) before");
    private final FieldView plaquettesAfter = new FieldView("gaugePlaquettesAfter", "θ_P(x) after");
    private long seed;
    private volatile GaugeCheck last;

    /**
     * Builds the view and runs the first check.
     *
     * @param source the gauge-equivariant flow
     * @param firstSeed seed of the first sample and transformation
     */
    public GaugeCheckView(FlowSource source, long firstSeed) {
        this.source = source;
        this.seed = firstSeed;
        setId("gaugeCheckView");
        getStyleClass().add("course-tool");
        Label heading = new Label("Is log q gauge invariant? " + source.description());
        heading.getStyleClass().add("course-tool-title");
        heading.setWrapText(true);
        Label guide = new Label("A configuration θ is drawn from the flow, then every site gets a random angle α(x) and"
                + " every link moves, θ_μ(x) → θ_μ(x) + α(x) − α(x + μ̂). The plaquettes, the action, the charge and"
                + " the model density log q must not change.");
        guide.setWrapText(true);
        guide.getStyleClass().add("guide");
        another.setId("gaugeAnother");
        another.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        another.setOnAction(e -> {
            seed++;
            check();
        });
        summary.setId("gaugeSummary");
        summary.setWrapText(true);
        summary.getStyleClass().add("course-tool-summary");
        HBox controls = new HBox(12, another, summary);
        controls.setAlignment(Pos.CENTER_LEFT);
        for (Label l : new Label[] {heading, guide, summary}) {
            // wrap at the window's width, however long the text
            l.maxWidthProperty().bind(widthProperty().subtract(24));
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        VBox top = new VBox(6, heading, guide, controls);
        top.setPadding(new Insets(10));
        setTop(top);
        table.setId("gaugeTable");
        table.setHgap(24);
        table.setVgap(6);
        table.setPadding(new Insets(10));
        HBox pictures = new HBox(10, linksBefore, linksAfter, plaquettesBefore, plaquettesAfter);
        for (FieldView v : Arrays.asList(linksBefore, linksAfter, plaquettesBefore, plaquettesAfter)) {
            v.setPrefSize(200, 240);
        }
        pictures.setPadding(new Insets(10));
        setCenter(new VBox(10, table, pictures));
        check();
    }

    private void check() {
        long s = seed;
        another.setDisable(true);
        summary.setText("Computing …");
        source.run((Experiment e) -> GaugeCheck.run(e.flow(), (U1GaugeTheory) e.target(), s), this::show, problem -> {
            another.setDisable(false);
            summary.setText("Cannot run the check: " + problem);
        });
    }

    private void show(GaugeCheck c) {
        another.setDisable(false);
        table.getChildren().clear();
        row(0, "", "θ", "g θ", "difference");
        row(1, "log q", fmt(c.logQ()), fmt(c.logQTransformed()), sci(c.logQTransformed() - c.logQ()));
        row(2, "action S", fmt(c.action()), fmt(c.actionTransformed()), sci(c.actionTransformed() - c.action()));
        row(
                3,
                "charge Q",
                Integer.toString(c.topCharge()),
                Integer.toString(c.topChargeTransformed()),
                Integer.toString(c.topChargeTransformed() - c.topCharge()));
        row(4, "largest change", "links: " + fmt(c.maxLinkChange()), "plaquettes: " + sci(c.maxPlaquetteChange()), "");
        int l = c.size();
        int v = l * l;
        linksBefore.show(principal(c.linksBefore(), v), l, Math.PI, "link angles θ₀ in (−π, π]");
        linksAfter.show(principal(c.linksAfter(), v), l, Math.PI, "every link moved");
        plaquettesBefore.show(c.plaquettesBefore(), l, Math.PI, "plaquette angles in (−π, π]");
        plaquettesAfter.show(c.plaquettesAfter(), l, Math.PI, "the same plaquettes");
        summary.setText(String.format(
                Locale.ROOT,
                "Check %d: log q(gθ) − log q(θ) = %.2e while the links moved by up to %.2f rad: %s",
                seed,
                c.logQTransformed() - c.logQ(),
                c.maxLinkChange(),
                Math.abs(c.logQTransformed() - c.logQ()) < 1e-6 * Math.max(1, Math.abs(c.logQ()))
                        ? "invariant to rounding."
                        : "NOT invariant."));
        last = c;
    }

    private static double[] principal(double[] links, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = Angles.principal(links[i]);
        }
        return out;
    }

    private void row(int r, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            Label label = new Label(cells[i]);
            label.setId("gaugeCell" + r + "x" + i);
            if (r == 0 || i == 0) {
                label.getStyleClass().add("form-section");
            }
            table.add(label, i, r);
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.1e", v);
    }

    /**
     * The last check shown (null until the first arrives).
     *
     * @return the result
     */
    public GaugeCheck lastCheck() {
        return last;
    }

    /** Frees the tool's own flow. */
    public void close() {
        source.close();
    }
}
