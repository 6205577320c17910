package org.flowlab.app.view.basics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.flowlab.model.ml.Convolution;
import org.flowlab.model.ml.ConvolutionDemo;
import org.flowlab.model.ml.Ranges;

/**
 * "Why convolutions": one 3×3 filter applied to a φ⁴ configuration and to a shifted copy; the
 * output shifts with the input (translation equivariance), and the layer's ten parameters are
 * compared with the L⁴ + L² of a dense layer of the same size.
 */
final class ConvolutionPane extends BorderPane {

    /** The settings a link may carry. */
    static final List<String> KEYS = List.of("filter", "L", "dx", "dt", "seed");

    private final ChoiceBox<String> filter =
            new ChoiceBox<>(FXCollections.observableArrayList("laplacian", "edge", "blur", "random"));
    private final ChoiceBox<Integer> size = new ChoiceBox<>(FXCollections.observableArrayList(8, 16, 32));
    private final Spinner<Integer> dx = new Spinner<>(-31, 31, 3);
    private final Spinner<Integer> dt = new Spinner<>(-31, 31, 2);
    private final Button fresh = new Button("New configuration");
    private final LatticePicture input = new LatticePicture("conv-input", "φ: a φ⁴ configuration");
    private final LatticePicture shiftedInput = new LatticePicture("conv-shifted", "T φ: the same, shifted");
    private final LatticePicture output = new LatticePicture("conv-output", "conv(φ)");
    private final LatticePicture shiftedOutput = new LatticePicture("conv-shifted-output", "conv(T φ)");
    private final GridPane kernel = new GridPane();
    private final Label counts = new Label();
    private final Label check = new Label();
    private long seed = 1;
    private double[] phi;
    private int phiSize;
    private long phiSeed;
    private ConvolutionDemo demo;

    ConvolutionPane() {
        filter.setId("conv-filter");
        filter.setValue("laplacian");
        size.setId("conv-L");
        size.setValue(16);
        dx.setId("conv-dx");
        dt.setId("conv-dt");
        dx.setPrefWidth(80);
        dt.setPrefWidth(80);
        fresh.setId("conv-new");
        filter.valueProperty().addListener(o -> recompute());
        size.valueProperty().addListener(o -> recompute());
        dx.valueProperty().addListener(o -> recompute());
        dt.valueProperty().addListener(o -> recompute());
        fresh.setOnAction(e -> {
            seed++;
            recompute();
        });
        FlowPane controls = new FlowPane(
                10,
                6,
                new Label("filter"),
                filter,
                new Label("L"),
                size,
                new Label("shift x"),
                dx,
                new Label("shift t"),
                dt,
                fresh);
        controls.setAlignment(Pos.CENTER_LEFT);

        Label guide = new Label("Start here: change the shift or the filter. One 3×3 filter, ten numbers, slides "
                + "over every site of the periodic lattice. Shift the input and the output shifts with it (the circled "
                + "site moves by the same amount): the layer is translation equivariant, like the lattice action, "
                + "and its size does not grow with L.");
        guide.setWrapText(true);
        guide.getStyleClass().add("guide");

        kernel.setId("conv-kernel");
        kernel.setHgap(16);
        kernel.setVgap(6);
        kernel.setAlignment(Pos.CENTER);
        Label kernelTitle = new Label("the 3×3 filter");
        kernelTitle.getStyleClass().add("view-title");
        VBox kernelBox = new VBox(6, kernelTitle, kernel, new Label("slides over every site →"));
        kernelBox.setAlignment(Pos.CENTER);

        counts.setId("conv-counts");
        counts.setWrapText(true);
        check.setId("conv-check");
        check.setWrapText(true);
        counts.getStyleClass().add("guide");
        check.getStyleClass().add("lab-title");
        VBox info = new VBox(12, check, counts);
        info.setPadding(new Insets(0, 0, 0, 8));

        GridPane pictures = new GridPane();
        pictures.setHgap(8);
        pictures.setVgap(6);
        Layouts.columns(pictures, 30, 14, 30, 26);
        Layouts.rows(pictures, 50, 50);
        pictures.add(input, 0, 0);
        pictures.add(shiftedInput, 0, 1);
        pictures.add(kernelBox, 1, 0, 1, 2);
        pictures.add(output, 2, 0);
        pictures.add(shiftedOutput, 2, 1);
        pictures.add(info, 3, 0, 1, 2);
        Layouts.grow(input, shiftedInput, output, shiftedOutput);

        VBox top = new VBox(6, guide, controls);
        top.setPadding(new Insets(0, 0, 6, 0));
        setTop(top);
        setCenter(pictures);
        setPadding(new Insets(8));
        recompute();
    }

    /** Draws a configuration (off the FX thread when L or the seed changed), then applies the filter. */
    private void recompute() {
        int l = size.getValue();
        long s = seed;
        if (phi != null && phiSize == l && phiSeed == s) {
            apply();
            return;
        }
        CompletableFuture.supplyAsync(() -> ConvolutionDemo.phi4Configuration(l, s))
                .thenAccept(field -> Platform.runLater(() -> {
                    if (size.getValue() == l && seed == s) {
                        phi = field;
                        phiSize = l;
                        phiSeed = s;
                        apply();
                    }
                }));
    }

    private void apply() {
        int l = phiSize;
        demo = ConvolutionDemo.of(
                phi, l, Convolution.Filter.parse(filter.getValue()), dx.getValue(), dt.getValue(), seed);
        double phiRange = maxAbs(demo.phi());
        double outRange = Math.max(maxAbs(demo.output()), maxAbs(demo.shiftedOutput()));
        int mark = argMaxAbs(demo.output());
        int t = mark / l;
        int x = mark % l;
        int st = Math.floorMod(t + demo.dt(), l);
        int sx = Math.floorMod(x + demo.dx(), l);
        input.show(demo.phi(), l, phiRange, t, x, String.format(Locale.ROOT, "L = %d, broken phase, seed %d", l, seed));
        shiftedInput.show(
                demo.shifted(),
                l,
                phiRange,
                st,
                sx,
                String.format(Locale.ROOT, "moved %d right, %d down (periodic)", demo.dx(), demo.dt()));
        output.show(demo.output(), l, outRange, t, x, "circled: the largest |output|");
        shiftedOutput.show(demo.shiftedOutput(), l, outRange, st, sx, "the same value, moved with the input");
        kernel.getChildren().clear();
        for (int i = 0; i < 9; i++) {
            double k = demo.kernel()[i];
            Label w = new Label(
                    k == Math.rint(k)
                            ? String.format(Locale.ROOT, "%d", (long) k)
                            : String.format(Locale.ROOT, "%.2f", k));
            w.getStyleClass().add("form-section");
            w.setMinWidth(Region.USE_PREF_SIZE);
            kernel.add(w, i % 3, i / 3);
        }
        check.setText(
                String.format(Locale.ROOT, "conv(T φ) − T conv(φ): largest difference %.1g", demo.equivarianceError()));
        counts.setText(String.format(
                Locale.ROOT,
                "Parameters\n• this 3×3 filter: 9 weights + 1 bias = %d, for any L\n"
                        + "• a dense layer from the %d sites to %d outputs: %d² · %d² + %d² = %,d\n\n"
                        + "A dense layer could learn anything, but it would have to learn separately, at every "
                        + "site, what the convolution knows from the start: the physics is the same everywhere.",
                demo.convParameters(),
                l * l,
                l * l,
                l,
                l,
                l,
                demo.denseParameters()));
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static int argMaxAbs(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i]) > Math.abs(v[best])) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Applies a link's settings: filter, L (8, 16 or 32), dx, dt, seed.
     *
     * @param parameters the link's parameters (without "experiment")
     */
    void openLink(Map<String, String> parameters) {
        Map<String, String> p = new LinkedHashMap<>(parameters);
        p.remove("start");
        String f = filter.getValue();
        int l = size.getValue();
        int x = dx.getValue();
        int t = dt.getValue();
        long s = seed;
        for (Map.Entry<String, String> e : p.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "filter" -> f = Convolution.Filter.parse(v).key();
                case "L" -> {
                    l = Ranges.parseInt("L", v, 8, 32);
                    if (!size.getItems().contains(l)) {
                        throw new IllegalArgumentException("L must be 8, 16 or 32, got " + l);
                    }
                }
                case "dx" -> x = Ranges.parseInt("dx", v, -31, 31);
                case "dt" -> t = Ranges.parseInt("dt", v, -31, 31);
                case "seed" -> s = Ranges.parseLong("seed", v);
                default ->
                    throw new IllegalArgumentException(
                            "unknown setting '" + e.getKey() + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        seed = s;
        filter.setValue(f);
        size.setValue(l);
        dx.getValueFactory().setValue(x);
        dt.getValueFactory().setValue(t);
        recompute();
    }

    /**
     * The experiment shown (for tests).
     *
     * @return the demo, or null before the first configuration arrived
     */
    ConvolutionDemo demo() {
        return demo;
    }
}
