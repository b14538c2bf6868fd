package vsam.gui.chart;

/**
 * How a chart's vertical axis is scaled.
 *
 * @param log   logarithmic (only positive values are drawn)
 * @param min   fixed lower end, or NaN to follow the data
 * @param max   fixed upper end, or NaN to follow the data
 * @param label the axis title, e.g. {@code loss}
 */
public record YAxis(boolean log, double min, double max, String label) {

    /** A linear axis following the data. */
    public static YAxis auto(String label) {
        return new YAxis(false, Double.NaN, Double.NaN, label);
    }

    /** A linear axis with fixed ends. */
    public static YAxis fixed(String label, double min, double max) {
        return new YAxis(false, min, max, label);
    }

    /** A logarithmic axis following the data. */
    public static YAxis logarithmic(String label) {
        return new YAxis(true, Double.NaN, Double.NaN, label);
    }

    /** Whether both ends are fixed. */
    public boolean isFixed() {
        return Double.isFinite(min) && Double.isFinite(max);
    }
}
