package vsam.gui.plot;

import javafx.scene.paint.Color;

/** Series colours: the ten of matplotlib's {@code tab10}, distinct and readable on white. */
public final class Palette {

    private static final Color[] COLORS = {
        Color.web("#1f77b4"), Color.web("#ff7f0e"), Color.web("#2ca02c"), Color.web("#d62728"), Color.web("#9467bd"),
        Color.web("#8c564b"), Color.web("#e377c2"), Color.web("#7f7f7f"), Color.web("#bcbd22"), Color.web("#17becf"),
    };

    private Palette() {
    }

    /** Colour number {@code index}, cycling. */
    public static Color color(int index) {
        return COLORS[Math.floorMod(index, COLORS.length)];
    }
}
