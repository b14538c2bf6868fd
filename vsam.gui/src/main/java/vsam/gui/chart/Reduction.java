package vsam.gui.chart;

/** How a {@link DecimatingSeries} merges neighbouring points when it runs out of room. */
public enum Reduction {
    /** A stored point is the mean of the points it stands for (curves such as loss or step time). */
    MEAN,
    /** A stored point is the first of the points it stands for (events such as sampled iterations: every stored point happened). */
    FIRST
}
