package vsam.gui.chart;

/** How a series is drawn. */
public enum SeriesStyle {
    /** A solid line through the points. */
    LINE,
    /** A thin, pale line: raw values behind their smoothed curve. */
    FAINT_LINE,
    /** A line with a dot on every point (few points, such as one per epoch). */
    LINE_AND_POINTS,
    /** A short tick at the bottom of the plot at each point's x; the y value is ignored (e.g. sampled iterations). */
    MARKS
}
