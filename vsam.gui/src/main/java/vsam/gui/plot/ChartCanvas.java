package vsam.gui.plot;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import vsam.gui.chart.ChartModel;
import vsam.gui.chart.ChartSnapshot;
import vsam.gui.chart.SeriesSnapshot;
import vsam.gui.chart.SeriesStyle;
import vsam.gui.chart.Ticks;
import vsam.gui.chart.YAxis;

/**
 * Draws a {@link ChartModel} on a {@link Canvas}: title, legend, axes with nice ticks, lines, dots and
 * event ticks. It redraws only from {@link #redrawIfDirty()}, which the window's {@link FrameClock}
 * calls once per tick (at most five a second), and only when the model changed or the canvas was resized; a line with more
 * points than pixel columns is reduced to each column's extremes before stroking, so a frame costs
 * about the same whatever the run length. A model should be shown by one canvas at a time (the dirty
 * flag is taken by whoever draws).
 */
public final class ChartCanvas extends Region {

    private static final double LEFT = 58;
    private static final double RIGHT = 14;
    private static final double TITLE_HEIGHT = 22;
    private static final double LEGEND_ROW = 14;
    private static final double BOTTOM = 34;
    private static final Font TITLE = Font.font("System", FontWeight.BOLD, 12);
    private static final Font SMALL = Font.font("System", 10.5);
    private static final Color GRID = Color.web("#e6e6e6");
    private static final Color AXIS = Color.web("#555555");

    private final Canvas canvas = new Canvas();
    private ChartModel model;
    private boolean stale = true;
    private long redraws;
    private ChartSnapshot lastDrawn;

    /** A canvas showing {@code model}. */
    public ChartCanvas(ChartModel model) {
        this.model = model;
        getChildren().add(canvas);
        getStyleClass().add("chart-canvas");
        setMinSize(160, 120);
        setPrefSize(460, 260);
    }

    /** Shows another model from the next frame on. */
    public void setModel(ChartModel newModel) {
        this.model = newModel;
        this.stale = true;
    }

    /** The model shown. */
    public ChartModel model() {
        return model;
    }

    /** How many times the chart was drawn. */
    public long redraws() {
        return redraws;
    }

    /** What was drawn last (null before the first frame). */
    public ChartSnapshot lastDrawn() {
        return lastDrawn;
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (w != canvas.getWidth() || h != canvas.getHeight()) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            stale = true;
        }
    }

    /** Redraws when the model changed or the size did; returns whether it drew. Call on the JavaFX thread. */
    public boolean redrawIfDirty() {
        boolean dirty = model.takeDirty();
        if (!dirty && !stale) {
            return false;
        }
        stale = false;
        draw(model.snapshot());
        return true;
    }

    /** Draws {@code s} now. */
    public void draw(ChartSnapshot s) {
        lastDrawn = s;
        redraws++;
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        if (w < 80 || h < 80) {
            return;
        }
        g.setTextBaseline(VPos.BASELINE);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(Color.web("#222222"));
        g.setFont(TITLE);
        g.fillText(s.title(), 8, 16);
        int legendRows = drawLegend(g, s, w);

        double x0 = LEFT;
        double x1 = w - RIGHT;
        double y0 = TITLE_HEIGHT + legendRows * LEGEND_ROW + 8;
        double y1 = h - BOTTOM;
        g.setStroke(AXIS);
        g.setLineWidth(1);
        g.strokeRect(x0 + 0.5, y0 + 0.5, x1 - x0, y1 - y0);
        drawYLabel(g, s.yAxis().label(), y0, y1);
        g.setFont(SMALL);
        g.setFill(AXIS);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(s.xLabel(), (x0 + x1) / 2, h - 4);

        Range xr = xRange(s);
        Range yr = yRange(s);
        if (xr == null || yr == null) {
            g.setFill(Color.GRAY);
            g.fillText(s.isEmpty() ? "waiting for data…" : "no values to show", (x0 + x1) / 2, (y0 + y1) / 2);
            return;
        }
        Mapping m = new Mapping(xr, yr, s.yAxis().log(), s.integerX(), x0, x1, y0, y1);
        drawGrid(g, m, x0, x1, y0, y1);

        g.save();
        g.beginPath();
        g.rect(x0, y0, x1 - x0, y1 - y0);
        g.clip();
        for (SeriesSnapshot series : s.series()) {
            drawSeries(g, series, m, x0, x1, y1);
        }
        g.restore();
    }

    /** Draws the legend under the title, wrapping onto as many rows as it needs (at most three); returns the rows. */
    private static int drawLegend(GraphicsContext g, ChartSnapshot s, double width) {
        g.setFont(SMALL);
        double x = 8;
        int row = 0;
        for (SeriesSnapshot series : visible(s)) {
            double tw = textWidth(series.name(), SMALL);
            if (x + tw + 24 > width - 4 && x > 8) {
                if (row == 2) {
                    break;
                }
                row++;
                x = 8;
            }
            double y = TITLE_HEIGHT + 10 + row * LEGEND_ROW;
            Color c = Palette.color(series.color());
            g.setStroke(series.style() == SeriesStyle.FAINT_LINE ? c.deriveColor(0, 1, 1, 0.4) : c);
            g.setLineWidth(series.style() == SeriesStyle.MARKS ? 1.5 : 2);
            if (series.style() == SeriesStyle.MARKS) {
                g.strokeLine(x + 7, y - 8, x + 7, y + 1);
            } else {
                g.strokeLine(x, y - 4, x + 14, y - 4);
            }
            g.setFill(Color.web("#333333"));
            g.fillText(series.name(), x + 18, y);
            x += tw + 30;
        }
        return row + 1;
    }

    private static List<SeriesSnapshot> visible(ChartSnapshot s) {
        List<SeriesSnapshot> nonEmpty = s.series().stream().filter(x -> !x.isEmpty()).toList();
        return nonEmpty.isEmpty() ? s.series() : nonEmpty;
    }

    private static double textWidth(String text, Font font) {
        Text t = new Text(text);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }

    private static void drawYLabel(GraphicsContext g, String label, double y0, double y1) {
        g.save();
        g.setFont(SMALL);
        g.setFill(AXIS);
        g.setTextAlign(TextAlignment.CENTER);
        g.translate(11, (y0 + y1) / 2);
        g.rotate(-90);
        g.fillText(label, 0, 0);
        g.restore();
    }

    private static void drawGrid(GraphicsContext g, Mapping m, double x0, double x1, double y0, double y1) {
        g.setFont(SMALL);
        g.setLineWidth(1);
        double xStep = Ticks.step(m.x.min, m.x.max, Math.max(2, (int) ((x1 - x0) / 90)));
        if (m.integerX) {
            xStep = Math.max(1, Math.round(xStep));
        }
        g.setTextAlign(TextAlignment.CENTER);
        for (double v : Ticks.linear(m.x.min, m.x.max, xStep)) {
            double px = Math.round(m.px(v)) + 0.5;
            g.setStroke(GRID);
            g.strokeLine(px, y0 + 1, px, y1 - 1);
            g.setFill(AXIS);
            g.fillText(Ticks.label(v, xStep), px, y1 + 13);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        if (m.log) {
            for (double v : Ticks.logarithmic(m.y.min, m.y.max)) {
                double py = Math.round(m.py(v)) + 0.5;
                g.setStroke(GRID);
                g.strokeLine(x0 + 1, py, x1 - 1, py);
                g.setFill(AXIS);
                g.fillText(Ticks.logLabel(v), x0 - 4, py);
            }
        } else {
            double yStep = Ticks.step(m.y.min, m.y.max, Math.max(2, (int) ((y1 - y0) / 36)));
            for (double v : Ticks.linear(m.y.min, m.y.max, yStep)) {
                double py = Math.round(m.py(v)) + 0.5;
                g.setStroke(GRID);
                g.strokeLine(x0 + 1, py, x1 - 1, py);
                g.setFill(AXIS);
                g.fillText(Ticks.label(v, yStep), x0 - 4, py);
            }
        }
        g.setTextBaseline(VPos.BASELINE);
    }

    private static void drawSeries(GraphicsContext g, SeriesSnapshot s, Mapping m, double x0, double x1, double bottom) {
        if (s.isEmpty()) {
            return;
        }
        Color c = Palette.color(s.color());
        double[] xs = s.x();
        double[] ys = s.y();
        if (s.style() == SeriesStyle.MARKS) {
            g.setStroke(c.deriveColor(0, 1, 1, 0.55));
            g.setLineWidth(1);
            double lastPx = Double.NaN;
            for (double x : xs) {
                double px = Math.round(m.px(x)) + 0.5;
                if (px != lastPx) {
                    g.strokeLine(px, bottom - 1, px, bottom - 8);
                    lastPx = px;
                }
            }
            return;
        }
        int columns = (int) Math.max(1, x1 - x0);
        double[] px = new double[Math.min(xs.length, 4 * columns + 4)];
        double[] py = new double[px.length];
        int n = 0;
        if (xs.length <= 2 * columns) {
            for (int i = 0; i < xs.length; i++) {
                if (m.log && ys[i] <= 0) {
                    continue;
                }
                if (n == px.length) {
                    break;
                }
                px[n] = m.px(xs[i]);
                py[n] = m.py(ys[i]);
                n++;
            }
        } else {
            n = columnExtremes(xs, ys, m, px, py);
        }
        if (n == 0) {
            return;
        }
        switch (s.style()) {
            case FAINT_LINE -> {
                g.setStroke(c.deriveColor(0, 1, 1, 0.3));
                g.setLineWidth(1);
            }
            default -> {
                g.setStroke(c);
                g.setLineWidth(1.7);
            }
        }
        g.strokePolyline(px, py, n);
        if (s.style() == SeriesStyle.LINE_AND_POINTS && n <= columns / 6) {
            g.setFill(c);
            for (int i = 0; i < n; i++) {
                g.fillOval(px[i] - 3, py[i] - 3, 6, 6);
            }
        }
    }

    /** For each pixel column, the first, lowest, highest and last point, in x order. */
    private static int columnExtremes(double[] xs, double[] ys, Mapping m, double[] px, double[] py) {
        int n = 0;
        int column = Integer.MIN_VALUE;
        double first = 0;
        double lo = 0;
        double hi = 0;
        double last = 0;
        for (int i = 0; i <= xs.length; i++) {
            boolean end = i == xs.length;
            if (!end && m.log && ys[i] <= 0) {
                continue;
            }
            int c = end ? Integer.MAX_VALUE : (int) Math.floor(m.px(xs[i]));
            if (c != column) {
                if (column != Integer.MIN_VALUE && n + 4 <= px.length) {
                    double cx = column + 0.5;
                    n = put(px, py, n, cx, first);
                    n = put(px, py, n, cx, lo);
                    n = put(px, py, n, cx, hi);
                    n = put(px, py, n, cx, last);
                }
                if (end) {
                    break;
                }
                column = c;
                first = m.py(ys[i]);
                lo = first;
                hi = first;
            }
            double y = m.py(ys[i]);
            lo = Math.min(lo, y);
            hi = Math.max(hi, y);
            last = y;
        }
        return n;
    }

    private static int put(double[] px, double[] py, int n, double x, double y) {
        if (n > 0 && px[n - 1] == x && py[n - 1] == y) {
            return n;
        }
        px[n] = x;
        py[n] = y;
        return n + 1;
    }

    private record Range(double min, double max) {
    }

    private static Range xRange(ChartSnapshot s) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (SeriesSnapshot series : s.series()) {
            for (double x : series.x()) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        if (min > max) {
            return null;
        }
        if (max - min < 1e-12) {
            return new Range(min - 1, max + 1);
        }
        return new Range(min, max);
    }

    /** The y range in axis units (exponents on a log axis), padded by 5%. */
    private static Range yRange(ChartSnapshot s) {
        YAxis axis = s.yAxis();
        if (axis.isFixed()) {
            return axis.log() ? new Range(Math.log10(axis.min()), Math.log10(axis.max())) : new Range(axis.min(), axis.max());
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (SeriesSnapshot series : s.series()) {
            if (series.style() == SeriesStyle.MARKS) {
                continue;
            }
            for (double y : series.y()) {
                if (axis.log()) {
                    if (y <= 0) {
                        continue;
                    }
                    y = Math.log10(y);
                }
                min = Math.min(min, y);
                max = Math.max(max, y);
            }
        }
        if (min > max) {
            boolean onlyMarks = s.series().stream().anyMatch(x -> !x.isEmpty());
            return onlyMarks ? new Range(0, 1) : null;
        }
        double span = max - min;
        if (span < 1e-12) {
            double pad = axis.log() ? 0.5 : Math.max(Math.abs(max) * 0.1, 1e-3);
            return new Range(min - pad, max + pad);
        }
        return new Range(min - 0.05 * span, max + 0.05 * span);
    }

    /** Data to pixels. */
    private static final class Mapping {
        final Range x;
        final Range y;
        final boolean log;
        final boolean integerX;
        final double x0;
        final double x1;
        final double y0;
        final double y1;

        Mapping(Range x, Range y, boolean log, boolean integerX, double x0, double x1, double y0, double y1) {
            this.x = x;
            this.y = y;
            this.log = log;
            this.integerX = integerX;
            this.x0 = x0;
            this.x1 = x1;
            this.y0 = y0;
            this.y1 = y1;
        }

        double px(double v) {
            return x0 + (v - x.min) / (x.max - x.min) * (x1 - x0);
        }

        double py(double v) {
            double a = log ? Math.log10(v) : v;
            return y1 - (a - y.min) / (y.max - y.min) * (y1 - y0);
        }
    }
}
