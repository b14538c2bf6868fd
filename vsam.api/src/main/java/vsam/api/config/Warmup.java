package vsam.api.config;

/**
 * vSAM's warm-up span: full-SAM iterations before the adaptive sampling starts (docs/ALGORITHMS.md §2.1).
 *
 * @param unit   {@link Unit#AUTO} for {@code max(K, 1.5% of the run's iterations)}, or a span in epochs or iterations
 * @param amount the span in {@code unit}s (ignored for AUTO)
 */
public record Warmup(Unit unit, double amount) {

    /** How the span is given. */
    public enum Unit { AUTO, EPOCHS, ITERATIONS }

    /** Share of the run used by {@link Unit#AUTO}: the paper's 3 of 200 epochs, rounded to 1.5%. */
    public static final double AUTO_SHARE = 0.015;

    public Warmup {
        Check.present("method.vsam.warmup.unit", unit);
        Check.nonNegative("method.vsam.warmup", amount);
    }

    /** The default rule. */
    public static Warmup auto() {
        return new Warmup(Unit.AUTO, 0);
    }

    public static Warmup epochs(double epochs) {
        return new Warmup(Unit.EPOCHS, epochs);
    }

    public static Warmup iterations(long iterations) {
        return new Warmup(Unit.ITERATIONS, iterations);
    }

    /**
     * The warm-up length in iterations.
     *
     * @param window             vSAM's K
     * @param iterationsPerEpoch batches per epoch
     * @param totalIterations    iterations in the whole run
     */
    public long resolve(int window, long iterationsPerEpoch, long totalIterations) {
        return switch (unit) {
            case AUTO -> Math.max(window, (long) Math.ceil(AUTO_SHARE * totalIterations));
            case EPOCHS -> Math.round(amount * iterationsPerEpoch);
            case ITERATIONS -> Math.round(amount);
        };
    }

    /**
     * Parses the text form used by the command line and the desktop app: {@code auto}, {@code <n>ep}
     * (epochs, e.g. {@code 3ep}) or {@code <n>it} (iterations, e.g. {@code 500it}).
     *
     * @throws ConfigException naming {@code method.vsam.warmup} when the text is none of these
     */
    public static Warmup parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.equals("auto")) {
                return auto();
            }
            if (t.endsWith("ep")) {
                return epochs(Double.parseDouble(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("it")) {
                return iterations(Long.parseLong(t.substring(0, t.length() - 2)));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("method.vsam.warmup", "'" + text + "'", "auto, <n>ep (epochs) or <n>it (iterations)");
    }

    @Override
    public String toString() {
        return switch (unit) {
            case AUTO -> "auto";
            case EPOCHS -> amount + " epochs";
            case ITERATIONS -> (long) amount + " iterations";
        };
    }
}
