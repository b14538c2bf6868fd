package vsam.bench.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A small, headless line and scatter chart drawn with {@link Graphics2D} into a {@link BufferedImage} and
 * saved as PNG: one pair of linear axes with rounded ticks, any number of named series, a legend on the
 * right. No chart library: what the experiment needs fits in one class.
 */
public final class LinePlot {

    /** How a series is drawn. */
    public enum Style {
        /** Points joined by a line. */
        LINE,
        /** Points joined by a line, each point marked. */
        LINE_MARKERS,
        /** Unjoined small dots (raw samples), drawn half-transparent. */
        DOTS
    }

    /**
     * One named series.
     *
     * @param name   legend entry (a series named "" has none)
     * @param color  its colour
     * @param style  how it is drawn
     * @param dashed a dashed line
     * @param xs     x values
     * @param ys     y values, as many as {@code xs}; non-finite values are skipped
     */
    public record Series(String name, Color color, Style style, boolean dashed, double[] xs, double[] ys) {

        public Series {
            if (xs.length != ys.length) {
                throw new IllegalArgumentException("series " + name + ": " + xs.length + " x values but " + ys.length + " y values");
            }
        }
    }

    /** Ten colours that stay apart from each other (Tableau 10). */
    public static final List<Color> PALETTE = List.of(new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759),
            new Color(0x76B7B2), new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
            new Color(0x9C755F), new Color(0x5A5A5A));

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 600;
    private static final int LEFT = 80;
    private static final int TOP = 50;
    private static final int RIGHT = 240;
    private static final int BOTTOM = 60;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private double yMinFloor = Double.NaN;
    private boolean robustY;

    /** A chart with the given title and axis labels. */
    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a series; series are drawn in the order added. */
    public LinePlot add(Series s) {
        series.add(s);
        return this;
    }

    /** Starts the y axis at {@code y} (e.g. 0 for fractions) unless data goes below it. */
    public LinePlot yFrom(double y) {
        this.yMinFloor = y;
        return this;
    }

    /**
     * Ends the y axis near the 99th percentile of all y values (× 1.15) when the largest value is more than
     * three times that: a few outliers (the first steps of a run) then do not flatten everything else. Points
     * above the axis are not drawn.
     */
    public LinePlot robustY() {
        this.robustY = true;
        return this;
    }

    /** Whether any series has a finite point. */
    public boolean hasData() {
        return series.stream().anyMatch(s -> finiteIndex(s).length > 0);
    }

    /** Draws the chart. */
    public BufferedImage render() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            double[] range = range();
            double[] xt = Ticks.nice(range[0], range[1], 8);
            double[] yt = Ticks.nice(range[2], range[3], 7);
            double x0 = xt[0];
            double x1 = xt[xt.length - 1];
            double y0 = yt[0];
            double y1 = yt[yt.length - 1];
            int pw = WIDTH - LEFT - RIGHT;
            int ph = HEIGHT - TOP - BOTTOM;
            Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
            g.setFont(base);
            FontMetrics fm = g.getFontMetrics();
            g.setColor(new Color(0xE6E6E6));
            for (double t : xt) {
                int px = LEFT + (int) Math.round((t - x0) / (x1 - x0) * pw);
                g.drawLine(px, TOP, px, TOP + ph);
            }
            for (double t : yt) {
                int py = TOP + ph - (int) Math.round((t - y0) / (y1 - y0) * ph);
                g.drawLine(LEFT, py, LEFT + pw, py);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(LEFT, TOP, pw, ph);
            for (double t : xt) {
                int px = LEFT + (int) Math.round((t - x0) / (x1 - x0) * pw);
                String label = Ticks.format(t, xt);
                g.drawString(label, px - fm.stringWidth(label) / 2, TOP + ph + fm.getAscent() + 6);
            }
            for (double t : yt) {
                int py = TOP + ph - (int) Math.round((t - y0) / (y1 - y0) * ph);
                String label = Ticks.format(t, yt);
                g.drawString(label, LEFT - fm.stringWidth(label) - 6, py + fm.getAscent() / 2 - 1);
            }
            g.drawString(xLabel, LEFT + (pw - fm.stringWidth(xLabel)) / 2, HEIGHT - 14);
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            g.drawString(yLabel, -(TOP + (ph + fm.stringWidth(yLabel)) / 2), 20);
            g.setTransform(saved);
            g.setFont(base.deriveFont(Font.BOLD, 16f));
            g.drawString(title, LEFT, TOP - 18);
            g.setFont(base);

            g.clipRect(LEFT, TOP, pw + 1, ph + 1);
            for (Series s : series) {
                drawSeries(g, s, x0, x1, y0, y1, pw, ph);
            }
            g.setClip(null);
            drawLegend(g, fm);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Draws the chart and writes it to {@code file} as PNG (creating the parent folder). */
    public void save(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        BufferedImage image = render();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        if (!ImageIO.write(image, "png", tmp.toFile())) {
            throw new IOException("no PNG writer available");
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private void drawSeries(Graphics2D g, Series s, double x0, double x1, double y0, double y1, int pw, int ph) {
        int[] idx = finiteIndex(s);
        if (idx.length == 0) {
            return;
        }
        Stroke stroke = s.dashed()
                ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {7f, 5f}, 0f)
                : new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        if (s.style() == Style.DOTS) {
            Color c = s.color();
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 70));
            for (int i : idx) {
                double px = LEFT + (s.xs()[i] - x0) / (x1 - x0) * pw;
                double py = TOP + ph - (s.ys()[i] - y0) / (y1 - y0) * ph;
                g.fill(new Ellipse2D.Double(px - 1.5, py - 1.5, 3, 3));
            }
            return;
        }
        Path2D.Double path = new Path2D.Double();
        boolean first = true;
        for (int i : idx) {
            double px = LEFT + (s.xs()[i] - x0) / (x1 - x0) * pw;
            double py = TOP + ph - (s.ys()[i] - y0) / (y1 - y0) * ph;
            if (first) {
                path.moveTo(px, py);
                first = false;
            } else {
                path.lineTo(px, py);
            }
        }
        g.setColor(s.color());
        g.setStroke(stroke);
        g.draw(path);
        g.setStroke(new BasicStroke(1f));
        if (s.style() == Style.LINE_MARKERS) {
            for (int i : idx) {
                double px = LEFT + (s.xs()[i] - x0) / (x1 - x0) * pw;
                double py = TOP + ph - (s.ys()[i] - y0) / (y1 - y0) * ph;
                g.fill(new Ellipse2D.Double(px - 3.5, py - 3.5, 7, 7));
            }
        }
    }

    private void drawLegend(Graphics2D g, FontMetrics fm) {
        int x = WIDTH - RIGHT + 16;
        int y = TOP + 8;
        for (Series s : series) {
            if (s.name().isEmpty()) {
                continue;
            }
            g.setColor(s.color());
            if (s.style() == Style.DOTS) {
                g.fill(new Ellipse2D.Double(x + 9, y - 4, 6, 6));
            } else {
                g.setStroke(s.dashed()
                        ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {5f, 3f}, 0f)
                        : new BasicStroke(2f));
                g.drawLine(x, y, x + 24, y);
                g.setStroke(new BasicStroke(1f));
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(s.name(), x + 32, y + fm.getAscent() / 2 - 1);
            y += fm.getHeight() + 4;
        }
    }

    /** {@code {xmin, xmax, ymin, ymax}} over every finite point, widened when empty or flat. */
    private double[] range() {
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i : finiteIndex(s)) {
                xmin = Math.min(xmin, s.xs()[i]);
                xmax = Math.max(xmax, s.xs()[i]);
                ymin = Math.min(ymin, s.ys()[i]);
                ymax = Math.max(ymax, s.ys()[i]);
            }
        }
        if (xmin > xmax) {
            xmin = 0;
            xmax = 1;
            ymin = 0;
            ymax = 1;
        }
        if (!Double.isNaN(yMinFloor) && yMinFloor <= ymin) {
            ymin = yMinFloor;
        }
        if (robustY) {
            double[] all = series.stream().flatMapToDouble(s -> java.util.Arrays.stream(finiteIndex(s)).mapToDouble(i -> s.ys()[i]))
                    .sorted().toArray();
            if (all.length > 0) {
                double p99 = all[Math.min(all.length - 1, (int) Math.floor(0.99 * (all.length - 1)))];
                if (ymax > 3 * p99 && p99 > ymin) {
                    ymax = 1.15 * p99;
                }
            }
        }
        if (xmax - xmin <= 0) {
            xmin -= 0.5;
            xmax += 0.5;
        }
        if (ymax - ymin <= 0) {
            double pad = Math.max(Math.abs(ymax) * 0.05, 1e-3);
            ymin -= pad;
            ymax += pad;
        }
        return new double[] {xmin, xmax, ymin, ymax};
    }

    private static int[] finiteIndex(Series s) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < s.xs().length; i++) {
            if (Double.isFinite(s.xs()[i]) && Double.isFinite(s.ys()[i])) {
                idx.add(i);
            }
        }
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LinePlot[%s, %d series]", title, series.size());
    }
}
