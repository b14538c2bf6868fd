package vsam.bench.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {

    @Test
    void ticksAreRoundNumbersCoveringTheRange() {
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, Ticks.nice(0.03, 0.97, 6), 1e-12);
        double[] t = Ticks.nice(13, 487, 8);
        assertTrue(t[0] <= 13 && t[t.length - 1] >= 487);
        assertEquals("0.20", Ticks.format(0.2, new double[] {0, 0.05}));
        assertEquals("100", Ticks.format(100, new double[] {0, 50}));
    }

    @Test
    void drawsSeriesHeadlessIntoAPng(@TempDir Path dir) throws Exception {
        System.setProperty("java.awt.headless", "true");
        LinePlot plot = new LinePlot("test", "x", "y")
                .add(new LinePlot.Series("line", Color.RED, LinePlot.Style.LINE_MARKERS, false, new double[] {0, 1, 2},
                        new double[] {0, 1, Double.NaN}))
                .add(new LinePlot.Series("", Color.BLUE, LinePlot.Style.DOTS, false, new double[] {0.5}, new double[] {0.5}));
        assertTrue(plot.hasData());
        plot.save(dir.resolve("p.png"));
        BufferedImage image = ImageIO.read(dir.resolve("p.png").toFile());
        assertEquals(1000, image.getWidth());
        boolean red = false;
        for (int x = 0; x < image.getWidth() && !red; x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                Color c = new Color(image.getRGB(x, y));
                if (c.getRed() > 200 && c.getGreen() < 60 && c.getBlue() < 60) {
                    red = true;
                    break;
                }
            }
        }
        assertTrue(red, "the red series is drawn");
        assertNotEquals(0, image.getRGB(0, 0));
    }

    @Test
    void aRobustAxisIgnoresAFewOutliers() {
        double[] xs = new double[200];
        double[] ys = new double[200];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i;
            ys[i] = i < 1 ? 100 : 1;
        }
        LinePlot plot = new LinePlot("t", "x", "y").yFrom(0).robustY()
                .add(new LinePlot.Series("a", Color.RED, LinePlot.Style.DOTS, false, xs, ys));
        BufferedImage image = plot.render();
        // the axis ends near 1.15, so the points at y = 1 sit in the upper part of the plot, not on its floor
        int redRows = 0;
        for (int y = 0; y < image.getHeight() / 2; y++) {
            for (int x = 100; x < 700; x++) {
                Color c = new Color(image.getRGB(x, y));
                if (c.getRed() > 240 && c.getGreen() < 230 && c.getBlue() < 230) {
                    redRows++;
                    break;
                }
            }
        }
        assertTrue(redRows > 0, "points at y = 1 are drawn in the upper half");
    }

    @Test
    void aPlotWithoutFinitePointsHasNoData() {
        LinePlot plot = new LinePlot("t", "x", "y").add(new LinePlot.Series("a", Color.RED, LinePlot.Style.LINE, false,
                new double[] {1}, new double[] {Double.NaN}));
        assertFalse(plot.hasData());
    }
}
