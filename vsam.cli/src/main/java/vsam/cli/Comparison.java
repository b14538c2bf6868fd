package vsam.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import vsam.algorithm.run.Csv;
import vsam.algorithm.checkpoint.AtomicFiles;
import vsam.algorithm.run.RunExecutor;
import vsam.algorithm.run.RunFolder;
import vsam.algorithm.run.RunFolderLock;
import vsam.algorithm.train.CancellationToken;
import vsam.algorithm.train.SamGainShare;
import vsam.algorithm.train.TrainingResult;
import vsam.api.config.RunConfig;
import vsam.api.network.TrainingData;
import vsam.data.RunData;

/**
 * Several methods trained one after another on one setup (same data, seed, model and base optimizer),
 * then a table: final and best test accuracy, training seconds (evaluation excluded), passes per step,
 * SAM fraction, training time against SAM's, and the share of SAM's gain over SGD the method keeps
 * ({@link #gainShare}).
 * The table is printed and saved as {@code compare.md} and {@code compare.csv} in the comparison folder,
 * which the comparison holds locked ({@link RunFolderLock}) while it runs; each run's folder inside it is
 * locked by its run.
 */
final class Comparison {

    private final PrintWriter out;

    Comparison(PrintWriter out) {
        this.out = out;
    }

    List<RunExecutor.Outcome> run(RunOptions options, List<String> methods, Path folder, CancellationToken cancel) {
        TrainCommand.requireNonEmpty("--out", Optional.of(folder));
        if (methods.isEmpty() || methods.stream().allMatch(String::isBlank)) {
            throw new UsageException("--methods names no method; give one or more, e.g. --methods sgd,sam,vsam");
        }
        List<RunConfig> configs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String m : methods) {
            if (m.isBlank()) {
                throw new UsageException("--methods has an empty name in '" + String.join(",", methods)
                        + "'; separate method names by single commas");
            }
            RunConfig config = options.toConfig(m.trim());
            String name = config.method().name();
            if (!seen.add(name)) {
                throw new UsageException("--methods names " + name + " twice" + (name.equals(m.trim()) ? "" : " ('" + m.trim() + "' is " + name + ")")
                        + "; each method runs once per comparison");
            }
            RunFolder.requireFree(folder.resolve(name));
            configs.add(config);
        }
        TrainingData data = RunData.prepare(configs.get(0));
        RunConfig first = configs.get(0);
        out.printf("comparing %s on %s (%s), %s/%s, %d epochs, batch %d -> %s%n", String.join(", ", configs.stream().map(c -> c.method().name()).toList()), first.model(),
                data.description(), first.backend(), first.device(), first.epochs(), first.batchSize(), folder);
        out.flush();
        try (RunFolderLock lock = RunFolderLock.acquire(RunFolder.prepare(folder))) {
            List<RunExecutor.Outcome> outcomes = new ArrayList<>();
            RunLauncher launcher = new RunLauncher(System.err, System.console() != null, 0);
            for (RunConfig config : configs) {
                RunExecutor.Outcome o = launcher.run(config, data, folder.resolve(config.method().name()), cancel);
                outcomes.add(o);
                if (o.result().status() != TrainingResult.Status.COMPLETED) {
                    break;
                }
            }
            String table = table(outcomes);
            out.print(table);
            out.flush();
            try {
                AtomicFiles.write(folder.resolve("compare.md"), table);
                AtomicFiles.write(folder.resolve("compare.csv"), csv(outcomes));
            } catch (IOException e) {
                throw new CliException("cannot write the comparison table to " + folder + ": " + e.getMessage());
            }
            return outcomes;
        }
    }

    /** SAM's training seconds, if SAM is among the outcomes. */
    private static Optional<Double> samSeconds(List<RunExecutor.Outcome> outcomes) {
        return outcomes.stream().filter(o -> o.result().method().equals("sam")).findFirst()
                .map(o -> o.result().trainSeconds());
    }

    /** The final test accuracy of {@code method}, if it ran to the end. */
    private static Optional<Double> accuracyOf(List<RunExecutor.Outcome> outcomes, String method) {
        return outcomes.stream().filter(o -> o.result().method().equals(method))
                .filter(o -> o.result().status() == TrainingResult.Status.COMPLETED).findFirst()
                .map(o -> o.result().finalAccuracy());
    }

    /** {@link SamGainShare} of {@code r}'s final accuracy: empty unless SGD, SAM and {@code r} all finished. */
    static OptionalDouble gainShare(List<RunExecutor.Outcome> outcomes, TrainingResult r) {
        Optional<Double> sgd = accuracyOf(outcomes, "sgd");
        Optional<Double> sam = accuracyOf(outcomes, "sam");
        if (sgd.isEmpty() || sam.isEmpty() || r.status() != TrainingResult.Status.COMPLETED) {
            return OptionalDouble.empty();
        }
        return SamGainShare.of(r.finalAccuracy(), sgd.get(), sam.get());
    }

    static String table(List<RunExecutor.Outcome> outcomes) {
        Optional<Double> sam = samSeconds(outcomes);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%n| %-8s | %9s | %8s | %10s | %11s | %12s | %11s | %15s |%n", "method", "final acc",
                "best acc", "train s", "passes/step", "SAM fraction", "vs SAM time", "SAM's gain kept"));
        s.append("|----------|-----------|----------|------------|-------------|--------------|-------------|-----------------|\n");
        for (RunExecutor.Outcome o : outcomes) {
            TrainingResult r = o.result();
            String ratio = sam.map(t -> String.format(Locale.ROOT, "%.2f×", r.trainSeconds() / t)).orElse("—");
            String kept = SamGainShare.percent(gainShare(outcomes, r));
            s.append(String.format(Locale.ROOT, "| %-8s | %8.2f%% | %7.2f%% | %10.1f | %11.2f | %11.1f%% | %11s | %15s |%n", r.method(),
                    100 * r.finalAccuracy(), 100 * r.bestAccuracy(), r.trainSeconds(), r.passesPerStep(),
                    100 * r.samFraction(), ratio, kept));
        }
        Optional<Double> sgdAcc = accuracyOf(outcomes, "sgd");
        Optional<Double> samAcc = accuracyOf(outcomes, "sam");
        if (sgdAcc.isPresent() && samAcc.isPresent()) {
            double gain = samAcc.get() - sgdAcc.get();
            s.append(String.format(Locale.ROOT, "%nSAM's gain over SGD: %+.2f points of final test accuracy%s.%n", 100 * gain,
                    SamGainShare.isMeaningful(sgdAcc.get(), samAcc.get()) ? ""
                            : String.format(Locale.ROOT, " (under %.1f points: within one seed's noise, so no share of it is given)",
                                    100 * SamGainShare.MIN_GAIN)));
        }
        sam.ifPresent(t -> {
            for (RunExecutor.Outcome o : outcomes) {
                if (o.result().method().equals("vsam")) {
                    TrainingResult v = o.result();
                    OptionalDouble share = gainShare(outcomes, v);
                    s.append(String.format(Locale.ROOT, "vSAM trained in %.2f× SAM's time (speed-up %.2f×)%s.%n",
                            v.trainSeconds() / t, t / v.trainSeconds(),
                            share.isPresent() ? " and kept " + SamGainShare.percent(share) + " of SAM's gain" : ""));
                }
            }
        });
        return s.toString();
    }

    private static String shareText(OptionalDouble share) {
        return share.isPresent() ? String.format(Locale.ROOT, "%.4f", share.getAsDouble()) : "";
    }

    static String csv(List<RunExecutor.Outcome> outcomes) {
        Optional<Double> sam = samSeconds(outcomes);
        StringBuilder s = new StringBuilder("method,final_accuracy,best_accuracy,train_seconds,passes_per_step,sam_fraction,time_vs_sam,"
                + "sam_gain_kept,folder\n");
        for (RunExecutor.Outcome o : outcomes) {
            TrainingResult r = o.result();
            s.append(String.format(Locale.ROOT, "%s,%.6f,%.6f,%.3f,%.4f,%.6f,%s,%s,%s\n", Csv.cell(r.method()), r.finalAccuracy(),
                    r.bestAccuracy(), r.trainSeconds(), r.passesPerStep(), r.samFraction(),
                    sam.map(t -> String.format(Locale.ROOT, "%.4f", r.trainSeconds() / t)).orElse(""),
                    shareText(gainShare(outcomes, r)), Csv.cell(o.folder().toString())));
        }
        return s.toString();
    }
}
