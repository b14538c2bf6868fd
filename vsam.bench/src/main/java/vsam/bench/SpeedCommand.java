package vsam.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import vsam.algorithm.run.RunFolderException;
import vsam.algorithm.step.DivergenceException;
import vsam.algorithm.train.StopOnShutdown;
import vsam.api.BackendException;
import vsam.bench.speed.SpeedBench;
import vsam.data.DataException;

/**
 * {@code vsam bench speed}: parses the options of {@link SpeedBench} and runs it (see {@link #USAGE}). Exit
 * codes: 0 done, 1 a run, data or file problem, 2 a bad option, 130 stopped by Ctrl-C.
 */
final class SpeedCommand {

    /** The help text. */
    static final String USAGE = """
            Usage: vsam bench speed [options]
            Issue 17's speed table in one process: per backend, SGD, SAM and vSAM trained one after another
            (cnn-s, batch 128, seed 0), their training times and ratios, passes per step, p10/median/p90 of the
            step times (vSAM's reuse and sampling steps apart), SGD's p90/p10 and one SGD epoch, each beside its
            target; with the machine and the load average at start and end. On full Fashion-MNIST, then one SGD
            epoch of the same model in PyTorch eager from Python (when python3 has torch), as a yardstick.
            Writes speed.md and the run folders.

              --backends LIST    backends in order (default: javacpp,djl)
              --epochs N         epochs per run (default: 2)
              --dataset NAME     fashion-mnist, embedded (a quick check), ... (default: fashion-mnist)
              --data-dir DIR     where the data set is, if not in the known locations
              --threads N        CPU threads per session, 0 = the backend's default (default: 2)
              --out DIR          output folder (default: bench-results/speed-<date-time>)
              -h, --help         this text
            """;

    private SpeedCommand() {
    }

    /** Parses {@code args} (what follows {@code speed}) into a plan; null after printing the help. */
    static SpeedBench.Plan parse(String[] args, PrintStream out) {
        List<String> backends = List.of("javacpp", "djl");
        int epochs = 2;
        String dataset = "fashion-mnist";
        Optional<String> dataDir = Optional.empty();
        int threads = 2;
        Optional<Path> dir = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                out.print(USAGE);
                return null;
            }
            if (!List.of("--backends", "--epochs", "--dataset", "--data-dir", "--threads", "--out").contains(a)) {
                throw new IllegalArgumentException("unknown option '" + a + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--backends" -> backends = Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                case "--epochs" -> epochs = number(a, v);
                case "--dataset" -> dataset = v;
                case "--data-dir" -> dataDir = Optional.of(v);
                case "--threads" -> threads = number(a, v);
                default -> dir = Optional.of(Path.of(v));
            }
        }
        Path folder = dir.orElse(Path.of("bench-results",
                "speed-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        SpeedBench.Plan plan = new SpeedBench.Plan(backends, epochs, dataset, dataDir, threads, folder);
        plan.config(backends.get(0), "sgd"); // an unknown data set or a bad thread count is refused before anything runs
        return plan;
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + option + " needs a whole number, got '" + value + "'");
        }
    }

    /** Runs the command and returns the exit code. */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        SpeedBench.Plan plan;
        try {
            plan = parse(args, out);
        } catch (IllegalArgumentException e) {
            err.println("vsam bench speed: " + e.getMessage() + " (see 'vsam bench speed --help')");
            return 2;
        }
        if (plan == null) {
            return 0;
        }
        StopOnShutdown stop = StopOnShutdown.install();
        try {
            String report = new SpeedBench(plan, out).run(stop.token());
            out.println();
            out.print(report);
            out.println("\nwrote " + plan.out().resolve("speed.md"));
            return stop.token().isCancelled() ? 130 : 0;
        } catch (BackendException | DataException | RunFolderException | DivergenceException | IOException e) {
            err.println("vsam bench speed: " + e.getMessage());
            return 1;
        } finally {
            stop.close();
        }
    }
}
