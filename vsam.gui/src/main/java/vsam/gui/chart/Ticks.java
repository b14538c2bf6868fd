package vsam.gui.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Axis tick positions and labels: "nice" steps of 1, 2 or 5 times a power of ten on linear axes
 * (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990), powers of ten on logarithmic ones.
 */
public final class Ticks {

    private Ticks() {
    }

    /** A nice step for about {@code count} intervals over {@code [min, max]}. */
    public static double step(double min, double max, int count) {
        double span = max - min;
        if (!(span > 0) || count < 1) {
            return 1;
        }
        double raw = span / count;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * magnitude;
    }

    /** The multiples of {@code step} inside {@code [min, max]}. */
    public static List<Double> linear(double min, double max, double step) {
        List<Double> out = new ArrayList<>();
        if (!(step > 0) || !Double.isFinite(min) || !Double.isFinite(max)) {
            return out;
        }
        double first = Math.ceil(min / step - 1e-9) * step;
        for (int i = 0; i < 1000; i++) {
            double v = first + i * step;
            if (v > max + step * 1e-9) {
                break;
            }
            out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return out;
    }

    /**
     * Ticks of a logarithmic axis from 10^{@code minExp} to 10^{@code maxExp} (exponents, not values):
     * every power of ten, plus 2 and 5 times each when the range spans less than two decades.
     */
    public static List<Double> logarithmic(double minExp, double maxExp) {
        List<Double> out = new ArrayList<>();
        if (!Double.isFinite(minExp) || !Double.isFinite(maxExp) || maxExp < minExp) {
            return out;
        }
        boolean fine = maxExp - minExp < 2;
        for (int k = (int) Math.floor(minExp); k <= (int) Math.ceil(maxExp) && out.size() < 200; k++) {
            for (double m : fine ? new double[] {1, 2, 5} : new double[] {1}) {
                double v = m * Math.pow(10, k);
                double e = Math.log10(v);
                if (e >= minExp - 1e-9 && e <= maxExp + 1e-9) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** A label for {@code value} on an axis stepping by {@code step}: as many decimals as the step needs. */
    public static String label(double value, double step) {
        double a = Math.abs(value);
        if (a != 0 && (a >= 1e6 || a < 1e-4)) {
            return String.format(Locale.ROOT, "%.1e", value);
        }
        int decimals = step > 0 ? (int) Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9))) : 2;
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A label for a value on a logarithmic axis: {@code 0.01}, {@code 5}, {@code 1e-5}. */
    public static String logLabel(double value) {
        double e = Math.log10(value);
        if (e >= -3 && e < 5) {
            return label(value, Math.pow(10, Math.floor(e + 1e-9)));
        }
        return String.format(Locale.ROOT, "%.0e", value);
    }
}
