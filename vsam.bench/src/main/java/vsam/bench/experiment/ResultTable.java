package vsam.bench.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import vsam.algorithm.run.Csv;
import vsam.algorithm.train.SamGainShare;

/**
 * The table of one setup: per method, over its completed seeds, mean ± sample standard deviation of the
 * final and best test accuracy, of the training time and of the quiet step time
 * ({@link Telemetry#quietStepSeconds()}), the mean passes per step and SAM fraction, and ratios computed on the
 * means:
 *
 * <ul>
 *   <li>speed-up vs SAM {@code = t_SAM / t_method} (2 = half of SAM's training time), once on the wall-clock
 *       training time and once on the quiet step time, which a busy machine disturbs far less;</li>
 *   <li>share of SAM's gain kept {@code = (acc − acc_SGD) / (acc_SAM − acc_SGD)} (1 = all of SAM's gain over
 *       SGD, 0 = none, {@link SamGainShare}), for the final and for the best accuracy; undefined when SAM or SGD
 *       did not run or when SAM's gain over SGD is smaller than {@link SamGainShare#MIN_GAIN} or negative.</li>
 * </ul>
 *
 * @param rows one row per method that has at least one completed run, in the order asked for
 */
public record ResultTable(List<Row> rows) {

    /**
     * One method's row.
     *
     * @param label           the method's label
     * @param finalAccuracy   final test accuracy over seeds
     * @param bestAccuracy    best test accuracy over seeds
     * @param trainSeconds    training time over seeds
     * @param quietSeconds    quiet step time over seeds
     * @param passesPerStep   mean passes per step
     * @param samFraction     mean SAM fraction
     * @param speedUpVsSam    {@code t_SAM / t} on the training time, when SAM ran
     * @param quietSpeedUpVsSam {@code t_SAM / t} on the quiet step time, when SAM ran and step times were recorded
     * @param gainKeptFinal   share of SAM's gain on the final accuracy
     * @param gainKeptBest    share of SAM's gain on the best accuracy
     */
    public record Row(String label, Stats finalAccuracy, Stats bestAccuracy, Stats trainSeconds, Stats quietSeconds,
                      double passesPerStep, double samFraction, OptionalDouble speedUpVsSam,
                      OptionalDouble quietSpeedUpVsSam, OptionalDouble gainKeptFinal, OptionalDouble gainKeptBest) {

        /** Completed seeds behind this row. */
        public int seeds() {
            return finalAccuracy.n();
        }
    }

    public ResultTable {
        rows = List.copyOf(rows);
    }

    /**
     * The table of the completed runs among {@code records}, rows in the order of {@code order} (labels not in
     * {@code order} follow, in the order first met).
     */
    public static ResultTable of(List<RunRecord> records, List<String> order) {
        Map<String, List<RunRecord>> byLabel = new LinkedHashMap<>();
        for (String label : order) {
            byLabel.put(label, new ArrayList<>());
        }
        for (RunRecord r : records) {
            if (r.completed()) {
                byLabel.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r);
            }
        }
        byLabel.values().removeIf(List::isEmpty);
        Map<String, Stats> finals = new LinkedHashMap<>();
        Map<String, Stats> bests = new LinkedHashMap<>();
        Map<String, Stats> times = new LinkedHashMap<>();
        Map<String, Stats> quiet = new LinkedHashMap<>();
        byLabel.forEach((label, runs) -> {
            finals.put(label, stats(runs, RunRecord::finalAccuracy));
            bests.put(label, stats(runs, RunRecord::bestAccuracy));
            times.put(label, stats(runs, RunRecord::trainSeconds));
            quiet.put(label, stats(runs, RunRecord::quietStepSeconds));
        });
        List<Row> rows = new ArrayList<>();
        byLabel.forEach((label, runs) -> rows.add(new Row(label, finals.get(label), bests.get(label), times.get(label),
                quiet.get(label), stats(runs, RunRecord::passesPerStep).mean(), stats(runs, RunRecord::samFraction).mean(),
                speedUp(times.get("sam"), times.get(label)), speedUp(quiet.get("sam"), quiet.get(label)),
                gainKept(finals.get("sgd"), finals.get("sam"), finals.get(label)),
                gainKept(bests.get("sgd"), bests.get("sam"), bests.get(label)))));
        return new ResultTable(rows);
    }

    /** {@code t_SAM / t}: empty without SAM or with a zero or unknown (NaN) time. */
    public static OptionalDouble speedUp(Stats sam, Stats method) {
        if (sam == null || method == null || !(method.mean() > 0) || !(sam.mean() > 0)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(sam.mean() / method.mean());
    }

    /** {@link SamGainShare} on the means: empty without SGD or SAM. */
    public static OptionalDouble gainKept(Stats sgd, Stats sam, Stats method) {
        if (sgd == null || sam == null || method == null) {
            return OptionalDouble.empty();
        }
        return SamGainShare.of(method.mean(), sgd.mean(), sam.mean());
    }

    private static Stats stats(List<RunRecord> runs, ToDoubleFunction<RunRecord> field) {
        return Stats.of(runs.stream().mapToDouble(field).toArray());
    }

    /** The row of {@code label}, if it has completed runs. */
    public java.util.Optional<Row> row(String label) {
        return rows.stream().filter(r -> r.label().equals(label)).findFirst();
    }

    /** The table in Markdown, accuracies in percent. */
    public String markdown() {
        StringBuilder s = new StringBuilder();
        s.append("| method | seeds | final acc % | best acc % | train s | quiet step s | passes/step | SAM fraction "
                + "| speed-up vs SAM (train s) | speed-up vs SAM (quiet) | SAM gain kept (final) | SAM gain kept (best) |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %.2f | %.1f%% | %s | %s | %s | %s |%n",
                    r.label(), r.seeds(), percent(r.finalAccuracy()), percent(r.bestAccuracy()), seconds(r.trainSeconds()),
                    seconds(r.quietSeconds()), r.passesPerStep(), 100 * r.samFraction(), ratio(r.speedUpVsSam(), "×"),
                    ratio(r.quietSpeedUpVsSam(), "×"), SamGainShare.percent(r.gainKeptFinal()), SamGainShare.percent(r.gainKeptBest())));
        }
        return s.toString();
    }

    /** The table as CSV ({@link Csv}), fractions and seconds unrounded. */
    public String csv() {
        StringBuilder s = new StringBuilder("method,seeds,final_acc_mean,final_acc_std,best_acc_mean,best_acc_std,"
                + "train_s_mean,train_s_std,quiet_step_s_mean,quiet_step_s_std,passes_per_step,sam_fraction,speedup_vs_sam,"
                + "speedup_vs_sam_quiet,gain_kept_final,gain_kept_best\n");
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "%s,%d,%.6f,%s,%.6f,%s,%.3f,%s,%s,%s,%.4f,%.6f,%s,%s,%s,%s\n", Csv.cell(r.label()),
                    r.seeds(), r.finalAccuracy().mean(), num(r.finalAccuracy().std()), r.bestAccuracy().mean(),
                    num(r.bestAccuracy().std()), r.trainSeconds().mean(), num(r.trainSeconds().std()),
                    num(r.quietSeconds().mean()), num(r.quietSeconds().std()), r.passesPerStep(), r.samFraction(),
                    opt(r.speedUpVsSam()), opt(r.quietSpeedUpVsSam()), opt(r.gainKeptFinal()), opt(r.gainKeptBest())));
        }
        return s.toString();
    }

    private static String percent(Stats s) {
        return Double.isNaN(s.std()) ? String.format(Locale.ROOT, "%.2f", 100 * s.mean())
                : String.format(Locale.ROOT, "%.2f ± %.2f", 100 * s.mean(), 100 * s.std());
    }

    private static String seconds(Stats s) {
        if (Double.isNaN(s.mean())) {
            return "—";
        }
        return Double.isNaN(s.std()) ? String.format(Locale.ROOT, "%.1f", s.mean())
                : String.format(Locale.ROOT, "%.1f ± %.1f", s.mean(), s.std());
    }

    private static String ratio(OptionalDouble v, String unit) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.2f%s", v.getAsDouble(), unit) : "—";
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    private static String opt(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.4f", v.getAsDouble()) : "";
    }
}
