package org.flowlab.app.lecture;

import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;

/**
 * A typeset formula as a node that reports its own baseline, so that a {@code TextFlow} sets
 * an inline formula on the text's baseline (its depth below it) and every line keeps the height
 * its text and formulas need, without a line jumping when a formula has a descender.
 */
final class MathNode extends Region {

    private final ImageView image;
    private final double depth;

    /**
     * Wraps a typeset formula.
     *
     * @param formula the formula
     * @param styleClass {@code math-inline} or {@code math-display}
     */
    MathNode(MathRenderer.Formula formula, String styleClass) {
        this.image = new ImageView(formula.image());
        this.depth = formula.depth();
        getStyleClass().add(styleClass);
        getChildren().add(image);
    }

    /**
     * The formula's picture.
     *
     * @return the image view
     */
    ImageView image() {
        return image;
    }

    @Override
    protected double computePrefWidth(double height) {
        return image.getImage().getWidth();
    }

    @Override
    protected double computePrefHeight(double width) {
        return image.getImage().getHeight();
    }

    @Override
    protected double computeMinWidth(double height) {
        return computePrefWidth(height);
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computeMaxWidth(double height) {
        return computePrefWidth(height);
    }

    @Override
    protected double computeMaxHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    public double getBaselineOffset() {
        return image.getImage().getHeight() - depth;
    }

    @Override
    protected void layoutChildren() {
        image.relocate(0, 0);
    }
}
