package vsam.gui.chart;

import java.util.List;

/**
 * Everything needed to draw one frame of a chart, copied out of a {@link ChartModel}.
 *
 * @param title  the chart title
 * @param xLabel the horizontal axis title
 * @param yAxis  the vertical axis
 * @param series   the series, in drawing order
 * @param integerX whether x values are whole numbers (epochs), so ticks fall on integers
 */
public record ChartSnapshot(String title, String xLabel, YAxis yAxis, List<SeriesSnapshot> series, boolean integerX) {

    /** Copies the list. */
    public ChartSnapshot {
        series = List.copyOf(series);
    }

    /** Whether no series has a point. */
    public boolean isEmpty() {
        return series.stream().allMatch(SeriesSnapshot::isEmpty);
    }

    /** The series named {@code name}. */
    public java.util.Optional<SeriesSnapshot> series(String name) {
        return series.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
