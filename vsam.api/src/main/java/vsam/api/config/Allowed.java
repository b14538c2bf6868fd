package vsam.api.config;

import java.util.function.Predicate;

/**
 * The values a {@link Setting} accepts, with the words that say so in a message
 * ({@code invalid epochs: 0 (allowed: an integer in [1, 100000])}).
 *
 * @param <T>  the value type
 * @param test whether a value is allowed
 * @param text what is allowed, as the message says it
 */
public record Allowed<T>(Predicate<T> test, String text) {

    /** Every value of the type. */
    public static <T> Allowed<T> any() {
        return new Allowed<>(v -> true, "any value");
    }

    /** An integer {@code >= min}. */
    public static <N extends Number> Allowed<N> atLeast(long min) {
        return new Allowed<>(v -> v.longValue() >= min, "an integer >= " + min);
    }

    /** An integer in {@code [min, max]}. */
    public static <N extends Number> Allowed<N> between(long min, long max) {
        return new Allowed<>(v -> v.longValue() >= min && v.longValue() <= max, "an integer in [" + min + ", " + max + "]");
    }

    /** A number in {@code [min, max]}. */
    public static Allowed<Double> closed(double min, double max) {
        return new Allowed<>(v -> v >= min && v <= max, "a number in [" + min + ", " + max + "]");
    }

    /** A number in {@code [min, max)}. */
    public static Allowed<Double> halfOpen(double min, double max) {
        return new Allowed<>(v -> v >= min && v < max, "a number in [" + min + ", " + max + ")");
    }

    /** A number in {@code (min, max]}. */
    public static Allowed<Double> openClosed(double min, double max) {
        return new Allowed<>(v -> v > min && v <= max, "a number in (" + min + ", " + max + "]");
    }

    /** A finite number {@code > 0}. */
    public static Allowed<Double> positive() {
        return new Allowed<>(v -> v > 0 && Double.isFinite(v), "a finite number > 0");
    }

    /** A finite number {@code >= 0}. */
    public static Allowed<Double> nonNegative() {
        return new Allowed<>(v -> v >= 0 && Double.isFinite(v), "a finite number >= 0");
    }
}
