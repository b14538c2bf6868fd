package vsam.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The Markdown tables of a benchmark run, ratios next to the absolute numbers:
 * <ul>
 *   <li>training step: per model and method, milliseconds per step and images per second on every target,
 *       the step's cost relative to SGD on the same target ({@code t_method / t_SGD}), and each target's speed
 *       relative to the first target ({@code t_first / t_target}: above 1 = faster than the first);</li>
 *   <li>vector operations: microseconds per operation per target, and the same speed ratio;</li>
 *   <li>evaluation: milliseconds per batch, images per second, and the speed ratio.</li>
 * </ul>
 * Targets appear in the order first measured.
 */
public final class BenchReport {

    private final List<Measurement> measurements;
    private final List<String> targets;

    public BenchReport(List<Measurement> measurements) {
        this.measurements = List.copyOf(measurements);
        LinkedHashSet<String> t = new LinkedHashSet<>();
        measurements.forEach(m -> t.add(m.target()));
        this.targets = List.copyOf(t);
    }

    /** The targets measured, in order. */
    public List<String> targets() {
        return targets;
    }

    /** The measurement of {@code benchmark} on {@code target} with these parameter values, if any. */
    public Optional<Measurement> find(String benchmark, String target, Map<String, String> params) {
        Predicate<Measurement> matches = m -> m.benchmark().equals(benchmark) && m.target().equals(target)
                && params.entrySet().stream().allMatch(e -> e.getValue().equals(m.param(e.getKey())));
        return measurements.stream().filter(matches).findFirst();
    }

    /** {@code t_method / t_SGD} for one step on one target. */
    public Optional<Double> costVsSgd(String target, String model, String method) {
        Optional<Measurement> m = find("step", target, Map.of("model", model, "method", method));
        Optional<Measurement> sgd = find("step", target, Map.of("model", model, "method", "sgd"));
        return m.isPresent() && sgd.isPresent() ? Optional.of(m.get().millis() / sgd.get().millis()) : Optional.empty();
    }

    /** {@code t_first / t_target}: how many times faster {@code target} is than the first target. */
    public Optional<Double> speedVsFirst(String benchmark, String target, Map<String, String> params) {
        Optional<Measurement> m = find(benchmark, target, params);
        Optional<Measurement> first = find(benchmark, targets.get(0), params);
        return m.isPresent() && first.isPresent() ? Optional.of(first.get().millis() / m.get().millis()) : Optional.empty();
    }

    /** The tables of the benchmarks that have measurements. */
    public String markdown() {
        StringBuilder s = new StringBuilder();
        if (has("step")) {
            s.append(stepTable()).append('\n');
        }
        if (has("vec")) {
            s.append(vecTable()).append('\n');
        }
        if (has("evaluation")) {
            s.append(evaluationTable());
        }
        return s.toString();
    }

    private boolean has(String benchmark) {
        return measurements.stream().anyMatch(m -> m.benchmark().equals(benchmark));
    }

    /** The training-step table. */
    public String stepTable() {
        List<String[]> keys = distinct("step", "model", "method");
        StringBuilder s = new StringBuilder("### One training step (batch 128)\n\n| model | method |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String t : targets) {
            s.append(" ").append(t).append(" ms/step | img/s | × SGD |");
            rule.append("---:|---:|---:|");
        }
        for (String t : targets.subList(Math.min(1, targets.size()), targets.size())) {
            s.append(" speed ").append(t).append(" vs ").append(targets.get(0)).append(" |");
            rule.append("---:|");
        }
        s.append('\n').append(rule).append('\n');
        for (String[] k : keys) {
            Map<String, String> p = Map.of("model", k[0], "method", k[1]);
            s.append("| ").append(k[0]).append(" | ").append(k[1]).append(" |");
            for (String t : targets) {
                Optional<Measurement> m = find("step", t, p);
                int batch = m.map(x -> Integer.parseInt(x.param("batch").isEmpty() ? "128" : x.param("batch"))).orElse(128);
                s.append(' ').append(m.map(x -> withError(x.millis(), x.error() * x.millis() / x.score())).orElse("—")).append(" |");
                s.append(' ').append(m.filter(x -> batch > 0).map(x -> fmt("%.0f", batch / (x.millis() / 1e3))).orElse("—")).append(" |");
                s.append(' ').append(costVsSgd(t, k[0], k[1]).map(r -> fmt("%.2f×", r)).orElse("—")).append(" |");
            }
            appendSpeeds(s, "step", p);
            s.append('\n');
        }
        s.append("\n× SGD: the step's time over SGD's step on the same target (SAM ≈ 2). Speed vs the first target: its "
                + "time over this target's (above 1 = this target is faster).\n");
        return s.toString();
    }

    /** The vector-operation table. */
    public String vecTable() {
        List<String[]> keys = distinct("vec", "size", "op");
        StringBuilder s = new StringBuilder("### Device-vector operations\n\n| elements | operation |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String t : targets) {
            s.append(" ").append(t).append(" µs/op |");
            rule.append("---:|");
        }
        for (String t : targets.subList(Math.min(1, targets.size()), targets.size())) {
            s.append(" speed ").append(t).append(" vs ").append(targets.get(0)).append(" |");
            rule.append("---:|");
        }
        s.append('\n').append(rule).append('\n');
        for (String[] k : keys) {
            Map<String, String> p = Map.of("size", k[0], "op", k[1]);
            s.append("| ").append(k[0]).append(" | ").append(k[1]).append(" |");
            for (String t : targets) {
                s.append(' ').append(find("vec", t, p).map(x -> withError(x.millis() * 1e3, x.error() * x.millis() * 1e3 / x.score()))
                        .orElse("—")).append(" |");
            }
            appendSpeeds(s, "vec", p);
            s.append('\n');
        }
        return s.toString();
    }

    /** The evaluation table. */
    public String evaluationTable() {
        List<String[]> keys = distinct("evaluation", "model", "batch");
        StringBuilder s = new StringBuilder("### Evaluation (inference mode)\n\n| model | batch |");
        StringBuilder rule = new StringBuilder("|---|---:|");
        for (String t : targets) {
            s.append(" ").append(t).append(" ms/batch | img/s |");
            rule.append("---:|---:|");
        }
        for (String t : targets.subList(Math.min(1, targets.size()), targets.size())) {
            s.append(" speed ").append(t).append(" vs ").append(targets.get(0)).append(" |");
            rule.append("---:|");
        }
        s.append('\n').append(rule).append('\n');
        for (String[] k : keys) {
            Map<String, String> p = Map.of("model", k[0], "batch", k[1]);
            int batch = k[1].isEmpty() ? 0 : Integer.parseInt(k[1]);
            s.append("| ").append(k[0]).append(" | ").append(batch > 0 ? k[1] : "?").append(" |");
            for (String t : targets) {
                Optional<Measurement> m = find("evaluation", t, p);
                s.append(' ').append(m.map(x -> withError(x.millis(), x.error() * x.millis() / x.score())).orElse("—")).append(" |");
                s.append(' ').append(m.filter(x -> batch > 0).map(x -> fmt("%.0f", batch / (x.millis() / 1e3))).orElse("—")).append(" |");
            }
            appendSpeeds(s, "evaluation", p);
            s.append('\n');
        }
        return s.toString();
    }

    private void appendSpeeds(StringBuilder s, String benchmark, Map<String, String> p) {
        for (String t : targets.subList(Math.min(1, targets.size()), targets.size())) {
            s.append(' ').append(speedVsFirst(benchmark, t, p).map(r -> fmt("%.2f×", r)).orElse("—")).append(" |");
        }
    }

    /** Distinct value pairs of two parameters of one benchmark, in the order measured. */
    private List<String[]> distinct(String benchmark, String a, String b) {
        Map<String, String[]> keys = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            if (m.benchmark().equals(benchmark)) {
                keys.putIfAbsent(m.param(a) + "\u0000" + m.param(b), new String[] {m.param(a), m.param(b)});
            }
        }
        return new ArrayList<>(keys.values());
    }

    private static String withError(double value, double error) {
        String digits = value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : value >= 1 ? "%.2f" : "%.3f";
        return Double.isFinite(error) ? fmt(digits + " ± " + digits, value, error) : fmt(digits, value);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
