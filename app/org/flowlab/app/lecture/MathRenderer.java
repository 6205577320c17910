package org.flowlab.app.lecture;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;

/** Typesets LaTeX formulas to images with JLaTeXMath, cached per formula, size and colour. */
public final class MathRenderer {

    /**
     * A typeset formula.
     *
     * @param image the picture
     * @param depth pixels of the picture below the text baseline
     */
    public record Formula(Image image, double depth) {}

    private final Map<String, Formula> cache = new HashMap<>();

    /**
     * Renders a formula.
     *
     * @param latex the formula without dollar signs
     * @param display display style (large operators, centred) or inline text style
     * @param size font size in pixels
     * @param dark white-ish glyphs for the dark theme
     * @return the formula, or null when it does not parse
     */
    public Formula render(String latex, boolean display, float size, boolean dark) {
        String key = (display ? "D" : "T") + size + (dark ? "d" : "l") + latex;
        Formula cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        TeXIcon icon;
        try {
            TeXFormula formula = new TeXFormula(latex);
            icon = formula.createTeXIcon(display ? TeXConstants.STYLE_DISPLAY : TeXConstants.STYLE_TEXT, size);
        } catch (RuntimeException e) {
            return null;
        }
        icon.setInsets(new java.awt.Insets(1, 1, 1, 1));
        int w = Math.max(1, icon.getIconWidth());
        int h = Math.max(1, icon.getIconHeight());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        icon.setForeground(dark ? new Color(230, 237, 243) : new Color(31, 35, 40));
        icon.paintIcon(null, g, 0, 0);
        g.dispose();
        Formula f = new Formula(SwingFXUtils.toFXImage(img, null), icon.getIconDepth() + 1);
        cache.put(key, f);
        return f;
    }
}
