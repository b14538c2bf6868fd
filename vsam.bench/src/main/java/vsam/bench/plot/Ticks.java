package vsam.bench.plot;

import java.util.Locale;

/**
 * Axis ticks at round numbers: steps of 1, 2 or 5 times a power of ten, covering the data range
 * (Heckbert's "nice numbers" for graph labels, Graphics Gems, 1990).
 */
public final class Ticks {

    private Ticks() {
    }

    /** About {@code count} round tick values, the first at or below {@code min} and the last at or above {@code max}. */
    public static double[] nice(double min, double max, int count) {
        double step = niceStep((max - min) / Math.max(1, count - 1));
        double first = Math.floor(min / step) * step;
        double last = Math.ceil(max / step) * step;
        int n = (int) Math.round((last - first) / step) + 1;
        double[] ticks = new double[Math.max(2, n)];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = first + i * step;
        }
        return ticks;
    }

    private static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / power;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * power;
    }

    /** The tick label: as many decimals as the step between ticks needs. */
    public static String format(double value, double[] ticks) {
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        if (Math.abs(value) < step * 1e-6) {
            value = 0;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
