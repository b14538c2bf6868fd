package vsam.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import vsam.algorithm.run.RunExecutor;
import vsam.algorithm.run.RunFolder;
import vsam.algorithm.run.RunFolderLock;
import vsam.api.network.TrainingData;
import vsam.data.RunData;
import vsam.algorithm.train.CancellationToken;
import vsam.algorithm.train.TrainingResult;
import vsam.api.config.RunConfig;

/**
 * Several methods trained one after another on one setup (same data, seed, model and base optimizer),
 * then a table: final and best test accuracy, training seconds (evaluation excluded), passes per step,
 * SAM fraction and speed-up against SAM (SAM's training time divided by the method's, when SAM ran).
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
                RunFolder.writeAtomically(folder.resolve("compare.md"), table);
                RunFolder.writeAtomically(folder.resolve("compare.csv"), csv(outcomes));
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

    static String table(List<RunExecutor.Outcome> outcomes) {
        Optional<Double> sam = samSeconds(outcomes);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%n| %-8s | %9s | %8s | %10s | %11s | %12s | %11s |%n", "method", "final acc",
                "best acc", "train s", "passes/step", "SAM fraction", "vs SAM time"));
        s.append("|----------|-----------|----------|------------|-------------|--------------|-------------|\n");
        for (RunExecutor.Outcome o : outcomes) {
            TrainingResult r = o.result();
            String ratio = sam.map(t -> String.format(Locale.ROOT, "%.2f×", r.trainSeconds() / t)).orElse("—");
            s.append(String.format(Locale.ROOT, "| %-8s | %8.2f%% | %7.2f%% | %10.1f | %11.2f | %11.1f%% | %11s |%n", r.method(),
                    100 * r.finalAccuracy(), 100 * r.bestAccuracy(), r.trainSeconds(), r.passesPerStep(),
                    100 * r.samFraction(), ratio));
        }
        sam.ifPresent(t -> {
            for (RunExecutor.Outcome o : outcomes) {
                if (o.result().method().equals("vsam")) {
                    s.append(String.format(Locale.ROOT, "%nvSAM trained in %.2f× SAM's time (speed-up %.2f×).%n",
                            o.result().trainSeconds() / t, t / o.result().trainSeconds()));
                }
            }
        });
        return s.toString();
    }

    static String csv(List<RunExecutor.Outcome> outcomes) {
        Optional<Double> sam = samSeconds(outcomes);
        StringBuilder s = new StringBuilder("method,final_accuracy,best_accuracy,train_seconds,passes_per_step,sam_fraction,time_vs_sam,folder\n");
        for (RunExecutor.Outcome o : outcomes) {
            TrainingResult r = o.result();
            s.append(String.format(Locale.ROOT, "%s,%.6f,%.6f,%.3f,%.4f,%.6f,%s,%s%n", r.method(), r.finalAccuracy(),
                    r.bestAccuracy(), r.trainSeconds(), r.passesPerStep(), r.samFraction(),
                    sam.map(t -> String.format(Locale.ROOT, "%.4f", r.trainSeconds() / t)).orElse(""), o.folder()));
        }
        return s.toString();
    }
}
