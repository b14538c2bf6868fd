package vsam.bench.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vsam.algorithm.checkpoint.AtomicFiles;
import vsam.algorithm.run.Csv;
import vsam.algorithm.run.RunExecutor;
import vsam.algorithm.train.CancellationToken;
import vsam.algorithm.train.SamGainShare;
import vsam.algorithm.train.TrainingListener;
import vsam.algorithm.train.TrainingResult;
import vsam.api.config.RunConfig;
import vsam.api.network.TrainingData;
import vsam.api.telemetry.EpochEvent;
import vsam.bench.report.Machine;
import vsam.data.RunData;

/**
 * The speed/accuracy experiment: every method on every setup with every seed, each run into its own run
 * folder {@code <out>/<setup>/seed<seed>/<method>} through {@link RunExecutor}, so the experiment can be
 * stopped and continued at any point: a run whose summary says completed is skipped, a run with a
 * checkpoint continues from it, a run that stopped before its first checkpoint starts again.
 *
 * <p>Order: setup by setup, and within a setup seed by seed (every method of the first seed before the
 * second seed), so partial results are balanced. After every run the tables and plots of its setup are
 * written again ({@code results.md}, {@code results.csv}, {@code runs.csv}, three PNGs), and the overview
 * {@code <out>/results.md}, so whatever has finished can be read at any time.
 */
public final class Experiment {

    /**
     * What to run.
     *
     * @param setups   the setups, in running order
     * @param variants the methods, in running and table order
     * @param seeds    the run seeds
     * @param out      the experiment's folder
     * @param command  the command line that started it (written into the results)
     */
    public record Plan(List<Setup> setups, List<Variant> variants, List<Long> seeds, Path out, String command) {

        public Plan {
            setups = List.copyOf(setups);
            variants = List.copyOf(variants);
            seeds = List.copyOf(seeds);
            if (setups.isEmpty() || variants.isEmpty() || seeds.isEmpty()) {
                throw new IllegalArgumentException("an experiment needs at least one setup, method and seed");
            }
        }

        /** Method labels in table order. */
        public List<String> labels() {
            return variants.stream().map(Variant::label).toList();
        }
    }

    /**
     * What a call to {@link #run} did.
     *
     * @param started   runs trained from the start
     * @param resumed   runs continued from a checkpoint
     * @param skipped   runs already completed
     * @param cancelled whether it stopped early on request
     */
    public record Outcome(int started, int resumed, int skipped, boolean cancelled) {
    }

    private final Plan plan;
    private final PrintStream log;
    private final RunExecutor executor = new RunExecutor(0);

    /** @param log where progress lines go (a line per run and per epoch) */
    public Experiment(Plan plan, PrintStream log) {
        this.plan = plan;
        this.log = log;
    }

    /** The folder of one run. */
    public Path folder(Setup setup, String label, long seed) {
        return plan.out().resolve(setup.name()).resolve("seed" + seed).resolve(label);
    }

    /** The log of the commands that trained into this experiment folder, one line each with its date. */
    public static final String COMMANDS = "commands.txt";

    /** Runs whatever has not completed yet; stops after the current step when {@code cancel} is set. */
    public Outcome run(CancellationToken cancel) {
        try {
            Files.createDirectories(plan.out());
            Files.writeString(plan.out().resolve(COMMANDS), ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    + "  " + plan.command() + "\n", java.nio.charset.StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new ExperimentException("cannot write to " + plan.out() + ": " + e.getMessage(), e);
        }
        int started = 0;
        int resumed = 0;
        int skipped = 0;
        int total = plan.setups().size() * plan.seeds().size() * plan.variants().size();
        int index = 0;
        long t0 = System.nanoTime();
        for (Setup setup : plan.setups()) {
            for (long seed : plan.seeds()) {
                for (Variant variant : plan.variants()) {
                    index++;
                    RunConfig config = setup.config(variant, seed);
                    Path folder = folder(setup, variant.label(), seed);
                    RunState state = RunState.of(folder, config);
                    String name = String.format(Locale.ROOT, "[%d/%d] %s seed %d %s", index, total, setup.name(), seed,
                            variant.label());
                    if (state == RunState.COMPLETED) {
                        skipped++;
                        log.printf("%s: already completed, skipped (%s)%n", name, folder);
                        continue;
                    }
                    TrainingData data = RunData.prepare(config);
                    List<TrainingListener> listeners = List.of(new EpochLines(name, config.epochs(), log));
                    RunExecutor.Outcome o;
                    if (state == RunState.RESUMABLE) {
                        resumed++;
                        log.printf("%s: resuming from its checkpoint in %s%n", name, folder);
                        o = executor.resume(folder, data, listeners, cancel, w -> log.println("warning: " + w));
                    } else {
                        if (state == RunState.RESTART) {
                            RunState.clear(folder);
                        }
                        started++;
                        log.printf("%s: %s -> %s%n", name, data.description(), folder);
                        o = executor.start(config, data, folder, listeners, cancel);
                    }
                    TrainingResult r = o.result();
                    log.printf(Locale.ROOT, "%s: %s, final %.2f%%, best %.2f%%, %.1f s training, SAM fraction %.1f%% "
                                    + "(experiment running %s)%n", name, r.status().name().toLowerCase(Locale.ROOT),
                            100 * r.finalAccuracy(), 100 * r.bestAccuracy(), r.trainSeconds(), 100 * r.samFraction(),
                            Duration.ofNanos(System.nanoTime() - t0).withNanos(0).toString().substring(2).toLowerCase(Locale.ROOT));
                    report(setup);
                    writeOverview();
                    if (r.status() == TrainingResult.Status.CANCELLED) {
                        log.printf("stopped; run the same command again to continue from %s%n", folder);
                        return new Outcome(started, resumed, skipped, true);
                    }
                }
            }
        }
        for (Setup setup : plan.setups()) {
            report(setup);
        }
        writeOverview();
        return new Outcome(started, resumed, skipped, false);
    }

    /** The runs of {@code setup} that have a summary, in plan order. */
    public List<RunRecord> records(Setup setup) {
        List<RunRecord> records = new ArrayList<>();
        for (long seed : plan.seeds()) {
            for (Variant v : plan.variants()) {
                RunRecord.read(folder(setup, v.label(), seed), v.label(), seed).ifPresent(records::add);
            }
        }
        return records;
    }

    /** Writes the table, the run list and the charts of {@code setup} into its folder. */
    public ResultTable report(Setup setup) {
        Path dir = plan.out().resolve(setup.name());
        List<RunRecord> records = records(setup);
        ResultTable table = ResultTable.of(records, plan.labels());
        try {
            Files.createDirectories(dir);
            List<Path> charts = ExperimentPlots.write(setup, records, (label, seed) -> folder(setup, label, seed),
                    plan.labels(), dir);
            AtomicFiles.write(dir.resolve("results.md"), setupMarkdown(setup, table, records, charts, ""));
            AtomicFiles.write(dir.resolve("results.csv"), table.csv());
            AtomicFiles.write(dir.resolve("runs.csv"), runsCsv(records));
        } catch (IOException e) {
            throw new ExperimentException("cannot write the results of " + setup.name() + " to " + dir + ": " + e.getMessage(), e);
        }
        return table;
    }

    /** Writes {@code <out>/results.md}: every setup's table and charts, the command and the machine. */
    public void writeOverview() {
        StringBuilder s = new StringBuilder("# Experiment results\n\n");
        s.append("- runs trained by (date, command):\n");
        try {
            Path commands = plan.out().resolve(COMMANDS);
            if (Files.isRegularFile(commands)) {
                for (String line : Files.readAllLines(commands)) {
                    int cut = line.indexOf("  ");
                    s.append("  - ").append(cut < 0 ? line : line.substring(0, cut) + " `" + line.substring(cut + 2) + "`").append('\n');
                }
            }
        } catch (IOException e) {
            throw new ExperimentException("cannot read " + plan.out().resolve(COMMANDS) + ": " + e.getMessage(), e);
        }
        s.append("- tables written by: `").append(plan.command()).append("`\n");
        s.append("- written: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        s.append("- machine: ").append(Machine.current().describe()).append('\n');
        RunConfig any = plan.setups().get(0).base();
        s.append("- backend: ").append(any.backend()).append('/').append(any.device())
                .append(any.threads() == 0 ? ", default threads" : ", " + any.threads() + " threads").append('\n');
        s.append("- seeds: ").append(plan.seeds()).append("\n\n");
        for (Setup setup : plan.setups()) {
            List<RunRecord> records = records(setup);
            ResultTable table = ResultTable.of(records, plan.labels());
            List<Path> charts = new ArrayList<>();
            for (String f : List.of(ExperimentPlots.PSF, ExperimentPlots.FRACTION, ExperimentPlots.ACCURACY)) {
                if (Files.exists(plan.out().resolve(setup.name()).resolve(f))) {
                    charts.add(plan.out().resolve(setup.name()).resolve(f));
                }
            }
            s.append(setupMarkdown(setup, table, records, charts, setup.name() + "/").replaceFirst("^# ", "## "));
            s.append('\n');
        }
        try {
            Files.createDirectories(plan.out());
            AtomicFiles.write(plan.out().resolve("results.md"), s.toString());
        } catch (IOException e) {
            throw new ExperimentException("cannot write " + plan.out().resolve("results.md") + ": " + e.getMessage(), e);
        }
    }

    private String setupMarkdown(Setup setup, ResultTable table, List<RunRecord> records, List<Path> charts, String prefix) {
        long planned = (long) plan.seeds().size() * plan.variants().size();
        long completed = records.stream().filter(RunRecord::completed).count();
        StringBuilder s = new StringBuilder();
        s.append("# ").append(setup.name()).append(": ").append(setup.description()).append("\n\n");
        s.append(String.format(Locale.ROOT, "%d of %d runs completed (methods × seeds %s).%n%n", completed, planned, plan.seeds()));
        s.append(table.markdown()).append('\n');
        s.append("Accuracies and training time: mean ± sample standard deviation over the completed seeds; training "
                + "time excludes evaluation. Quiet step s = Σ over step kinds (1 or 2 passes) of count × the kind's "
                + "1st-percentile step time: the steps' cost with the machine's other load mostly filtered out. "
                + "Speed-up vs SAM = SAM's mean time / the method's, on each of the two times. SAM gain kept = "
                + "(acc − acc_SGD) / (acc_SAM − acc_SGD) on the means, shown only when SAM beats SGD by at least "
                + String.format(Locale.ROOT, "%.1f", 100 * SamGainShare.MIN_GAIN) + " points.\n\n");
        for (Path chart : charts) {
            s.append("![").append(chart.getFileName()).append("](").append(prefix).append(chart.getFileName()).append(")\n");
        }
        return s.toString();
    }

    private static String runsCsv(List<RunRecord> records) {
        StringBuilder s = new StringBuilder("method,seed,completed,final_accuracy,best_accuracy,train_seconds,"
                + "quiet_step_seconds,passes_per_step,sam_fraction\n");
        for (RunRecord r : records) {
            s.append(String.format(Locale.ROOT, "%s,%d,%b,%.6f,%.6f,%.3f,%.3f,%.4f,%.6f\n", Csv.cell(r.label()), r.seed(), r.completed(),
                    r.finalAccuracy(), r.bestAccuracy(), r.trainSeconds(), r.quietStepSeconds(), r.passesPerStep(),
                    r.samFraction()));
        }
        return s.toString();
    }

    /** A progress line per epoch: for a log file (nohup), not a terminal. */
    private static final class EpochLines implements TrainingListener {
        private final String name;
        private final int epochs;
        private final PrintStream log;

        EpochLines(String name, int epochs, PrintStream log) {
            this.name = name;
            this.epochs = epochs;
            this.log = log;
        }

        @Override
        public void onEpoch(EpochEvent e) {
            log.printf(Locale.ROOT, "%s: epoch %d/%d, test %.2f%%, %.1f s training, SAM fraction %.1f%%%n", name,
                    e.epoch() + 1, epochs, 100 * e.testAccuracy(), e.trainSeconds(), 100 * e.samFraction());
            log.flush();
        }
    }
}
