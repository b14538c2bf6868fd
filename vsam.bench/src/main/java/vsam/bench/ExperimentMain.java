package vsam.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vsam.algorithm.run.RunFolderException;
import vsam.algorithm.step.DivergenceException;
import vsam.algorithm.train.StopOnShutdown;
import vsam.api.BackendException;
import vsam.api.config.Setting;
import vsam.api.config.Settings;
import vsam.bench.experiment.Experiment;
import vsam.bench.experiment.ExperimentException;
import vsam.bench.experiment.Preset;
import vsam.bench.experiment.Setup;
import vsam.bench.experiment.Variant;
import vsam.data.DataException;

/**
 * {@code vsam experiment}: every method on the reference CPU setups (docs/ALGORITHMS.md §4), two seeds, with
 * tables and charts; see {@link #USAGE}. Exit codes: 0 done, 1 a run or data problem, 2 a bad option,
 * 130 stopped by Ctrl-C (run the same command again to continue).
 */
public final class ExperimentMain {

    /** The help text. */
    public static final String USAGE = """
            Usage: vsam experiment [options]
            Trains every method on the reference CPU setups and writes tables and charts. Each run is saved as it
            finishes; run the same command again to continue an interrupted experiment.

              --preset cpu|quick|qat cpu: noisy (10,000 images, 40%% label noise, 20 epochs) and clean (60,000
                                     images, 10 epochs) Fashion-MNIST with cnn-s; quick: the same on the embedded
                                     subset, 4 and 2 epochs; qat: quantization-aware training (LSQ) of cnn-s at
                                     w4a4 and w2a2 on clean Fashion-MNIST, 5 epochs (default: cpu)
              --setups LIST          which setups, in order (default: the preset's: noisy,clean; w4a4,w2a2)
              --methods LIST         default: %s (qat: sgd,sam,vsam)
              --seeds LIST           run seeds (default: 0,1)
              --backend ID           default: djl
              --device NAME          default: cpu
              --threads N            CPU threads, 0 = the backend's default (default: 0)
              --model ID             replace the setups' model (mlp, cnn-s, resnet18)
              --epochs N             replace the setups' epochs
              --data-dir DIR         where Fashion-MNIST is, if not in the known locations
              --out DIR              the experiment folder (default: experiments/<preset>)
              --<setting> VALUE      any setting of 'vsam train' (--gamma 0.5, --label-smoothing 0.1,
                                     --[no-]augment, ...), applied to every run it applies to; not --method
              --report-only          only rewrite tables and charts from the finished runs
              -h, --help             this text
            """.formatted(String.join(",", Variant.ALL));

    private ExperimentMain() {
    }

    /** Parsed options. */
    record Options(String preset, Optional<List<String>> setups, Optional<List<String>> methods, List<Long> seeds, String backend,
                   String device, int threads, Optional<String> model, Optional<Integer> epochs, Optional<String> dataDir,
                   Optional<Path> out, boolean reportOnly, boolean help, Map<Setting<?>, String> overrides) {

        static Options parse(String[] args) {
            String preset = "cpu";
            Optional<List<String>> setups = Optional.empty();
            Optional<List<String>> methods = Optional.empty();
            List<Long> seeds = Preset.SEEDS;
            String backend = "djl";
            String device = "cpu";
            int threads = 0;
            Optional<String> model = Optional.empty();
            Optional<Integer> epochs = Optional.empty();
            Optional<String> dataDir = Optional.empty();
            Optional<Path> out = Optional.empty();
            boolean reportOnly = false;
            boolean help = false;
            Map<Setting<?>, String> overrides = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String value = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    value = a.substring(eq + 1);
                    a = a.substring(0, eq);
                }
                Optional<Setting<?>> flag = flag(a);
                switch (a) {
                    case "-h", "--help" -> help = true;
                    case "--report-only" -> reportOnly = true;
                    default -> {
                        if (flag.isPresent()) {
                            overrides.put(flag.get(), Boolean.toString(!a.startsWith("--no-")));
                            continue;
                        }
                        if (value == null) {
                            if (i + 1 >= args.length) {
                                throw new IllegalArgumentException("option " + a + " needs a value");
                            }
                            value = args[++i];
                        }
                        switch (a) {
                            case "--preset" -> preset = value;
                            case "--setups" -> setups = Optional.of(list(value));
                            case "--methods" -> methods = Optional.of(list(value));
                            case "--seeds" -> {
                                String option = a;
                                seeds = list(value).stream().map(s -> number(option, s)).toList();
                            }
                            case "--backend" -> backend = value;
                            case "--device" -> device = value;
                            case "--threads" -> threads = Math.toIntExact(number(a, value));
                            case "--model" -> model = Optional.of(value);
                            case "--epochs" -> epochs = Optional.of(Math.toIntExact(number(a, value)));
                            case "--data-dir" -> dataDir = Optional.of(value);
                            case "--out" -> out = Optional.of(Path.of(value));
                            default -> overrides.put(setting(a), value);
                        }
                    }
                }
            }
            return new Options(preset, setups, methods, seeds, backend, device, threads, model, epochs, dataDir, out,
                    reportOnly, help, overrides);
        }

        /** The catalogue setting whose option is {@code option}, as {@code vsam train} names it. */
        private static Setting<?> setting(String option) {
            if (Settings.METHOD.option().orElseThrow().equals(option) || Settings.METHOD.aliases().contains(option)) {
                throw new IllegalArgumentException("the experiment's methods are chosen with --methods, not " + option);
            }
            for (Setting<?> s : Settings.ALL) {
                if (s.option().filter(option::equals).isPresent() && !s.type().isFlag()) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown option '" + option + "'");
        }

        /** The on/off setting named by {@code --x} or {@code --no-x}. */
        private static Optional<Setting<?>> flag(String option) {
            String plain = option.startsWith("--no-") ? "--" + option.substring(5) : option;
            return Settings.ALL.stream().filter(s -> s.type().isFlag() && s.option().filter(plain::equals).isPresent())
                    .findFirst();
        }

        private static List<String> list(String value) {
            List<String> items = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (items.isEmpty()) {
                throw new IllegalArgumentException("an empty list: '" + value + "'");
            }
            return items;
        }

        private static long number(String option, String value) {
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option " + option + " needs a whole number, got '" + value + "'");
            }
        }

        /** The plan these options describe. */
        Experiment.Plan plan(String command) {
            if (!Preset.NAMES.contains(preset)) {
                throw new IllegalArgumentException("unknown preset '" + preset + "' (known: " + String.join(", ", Preset.NAMES) + ")");
            }
            List<Setup> all = Preset.setups(preset, backend, device, threads, dataDir);
            List<String> known = all.stream().map(Setup::name).toList();
            List<Setup> chosen = new ArrayList<>();
            for (String name : setups.orElse(known)) {
                Setup s = all.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() ->
                        new IllegalArgumentException("unknown setup '" + name + "' of preset " + preset + " (known: "
                                + String.join(", ", known) + ")"));
                if (model.isPresent()) {
                    s = s.withModel(model.get());
                }
                if (epochs.isPresent()) {
                    s = s.withEpochs(epochs.get());
                }
                chosen.add(s.withOverrides(overrides));
            }
            if (seeds.stream().distinct().count() != seeds.size()) {
                throw new IllegalArgumentException("--seeds lists a seed twice: " + seeds);
            }
            List<Variant> variants = Variant.of(methods.orElse(Preset.defaultMethods(preset)));
            for (Setup s : chosen) {
                for (Variant v : variants) {
                    s.config(v, seeds.get(0));
                }
            }
            return new Experiment.Plan(chosen, variants, seeds, out.orElse(Path.of("experiments", preset)), command);
        }
    }

    /** Starts the experiment and exits with its code. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the command and returns the exit code (used by {@link #main} and by tests). */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        Options options;
        Experiment.Plan plan;
        try {
            options = Options.parse(args);
            if (options.help()) {
                out.print(USAGE);
                return 0;
            }
            plan = options.plan("vsam experiment " + String.join(" ", args));
        } catch (IllegalArgumentException e) {
            err.println("vsam experiment: " + e.getMessage() + " (see 'vsam experiment --help')");
            return 2;
        }
        Experiment experiment = new Experiment(plan, out);
        if (options.reportOnly()) {
            plan.setups().forEach(experiment::report);
            experiment.writeOverview();
            out.println("wrote " + plan.out().resolve("results.md"));
            return 0;
        }
        StopOnShutdown stop = StopOnShutdown.install();
        try {
            out.printf("experiment: %d setups × %d methods × %d seeds on %s/%s -> %s%n", plan.setups().size(),
                    plan.variants().size(), plan.seeds().size(), options.backend(), options.device(), plan.out());
            Experiment.Outcome o = experiment.run(stop.token());
            out.printf("experiment %s: %d runs trained, %d resumed, %d already done; results in %s%n",
                    o.cancelled() ? "stopped" : "finished", o.started(), o.resumed(), o.skipped(), plan.out().resolve("results.md"));
            return o.cancelled() ? 130 : 0;
        } catch (ExperimentException | BackendException | DataException | RunFolderException | DivergenceException
                 | vsam.algorithm.checkpoint.CheckpointException e) {
            err.println("vsam experiment: " + e.getMessage());
            return 1;
        } finally {
            stop.close();
        }
    }
}
