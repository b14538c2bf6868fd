package vsam.bench.report;

import java.util.Map;

/**
 * One benchmark score, as the report needs it.
 *
 * @param benchmark {@code step}, {@code vec} or {@code evaluation}
 * @param target    {@code backend/device}
 * @param params    the other parameters (model, method, size, op, batch, threads)
 * @param score     mean time per operation
 * @param error     half-width of JMH's 99.9% confidence interval (NaN with too few iterations)
 * @param unit      unit of {@code score}, e.g. {@code ms/op}
 */
public record Measurement(String benchmark, String target, Map<String, String> params, double score, double error,
                          String unit) {

    public Measurement {
        params = Map.copyOf(params);
    }

    /** The parameter {@code name}, or "" when absent. */
    public String param(String name) {
        return params.getOrDefault(name, "");
    }

    /** The score in milliseconds, whatever unit JMH reported. */
    public double millis() {
        return switch (unit) {
            case "s/op" -> score * 1e3;
            case "ms/op" -> score;
            case "us/op" -> score / 1e3;
            case "ns/op" -> score / 1e6;
            default -> throw new IllegalStateException("unexpected unit " + unit);
        };
    }
}
