package vsam.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import vsam.algorithm.checkpoint.AtomicFiles;
import vsam.api.config.Json;
import vsam.bench.jmh.BenchTarget;
import vsam.bench.jmh.EvaluationBenchmark;
import vsam.bench.jmh.StepBenchmark;
import vsam.bench.jmh.VecBenchmark;
import vsam.bench.report.BenchReport;
import vsam.bench.report.Machine;
import vsam.bench.report.Measurement;

/**
 * {@code vsam bench [--quick]}: runs the JMH benchmarks on every backend and device found at run time
 * (unavailable ones are skipped with the backend's reason), then writes {@code bench.json} (every score,
 * the machine, the settings) and {@code bench.md} (the tables of {@link BenchReport}) into the output
 * folder, and JMH's own JSON per target. Runs from the shaded {@code benchmarks.jar} on the class path:
 * JMH forks a JVM per benchmark with the same class path. {@code vsam bench speed} runs {@link SpeedCommand}
 * instead: training runs, not JMH.
 */
public final class BenchMain {

    /** The help text. */
    public static final String USAGE = """
            Usage: vsam bench [options]
                   vsam bench speed [options]   (issue 17's speed table from real training runs; see --help there)
            JMH benchmarks on every backend and device found: one training step (sgd, sam, vSAM's sampling and
            reuse steps) for mlp and cnn-s at batch 128 (resnet18 on a GPU), device-vector operations on 1M and 11M
            elements, evaluation throughput. Writes bench.json and bench.md.

              --quick            a few seconds per benchmark (1 warm-up and 2 measured iterations of 1 s)
              --out DIR          output folder (default: bench-results/<date-time>)
              --targets LIST     only these backend/device pairs, e.g. djl/cpu,javacpp/cpu
              --only LIST        only these benchmarks: step, vec, evaluation (default: all)
              --threads N        CPU threads per session, 0 = the backend's default (default: 0)
              -h, --help         this text
            """;

    private BenchMain() {
    }

    /** Runs the benchmarks and exits: 0 done, 1 nothing could run or a file could not be written, 2 a bad option. */
    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the command and returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("speed")) {
            return SpeedCommand.execute(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        boolean quick = false;
        Optional<Path> outDir = Optional.empty();
        Optional<List<String>> only = Optional.empty();
        List<String> benchmarks = List.of("step", "vec", "evaluation");
        int threads = 0;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    case "--quick" -> quick = true;
                    case "--out" -> outDir = Optional.of(Path.of(value(args, ++i, "--out")));
                    case "--targets" -> only = Optional.of(List.of(value(args, ++i, "--targets").split(",")));
                    case "--only" -> benchmarks = List.of(value(args, ++i, "--only").split(","));
                    case "--threads" -> threads = Integer.parseInt(value(args, ++i, "--threads"));
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            for (String b : benchmarks) {
                if (!List.of("step", "vec", "evaluation").contains(b)) {
                    throw new IllegalArgumentException("unknown benchmark '" + b + "' (step, vec, evaluation)");
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("vsam bench: " + e.getMessage() + " (see 'vsam bench --help')");
            return 2;
        }
        Path dir = outDir.orElse(Path.of("bench-results",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        Machine machine = Machine.current();
        out.println("machine: " + machine.describe());

        List<BenchTarget.Device> targets = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (BenchTarget.Device d : BenchTarget.discover()) {
            if (only.isPresent() && !only.get().contains(d.id())) {
                continue;
            }
            if (d.available()) {
                targets.add(d);
                out.println("target " + d.id() + ": " + d.detail());
            } else {
                skipped.add(d.id() + ": " + d.detail());
                out.println("skipping " + d.id() + ": " + d.detail());
            }
        }
        if (targets.isEmpty()) {
            err.println("vsam bench: no available backend/device to benchmark");
            return 1;
        }
        List<Measurement> measurements = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(dir);
            for (BenchTarget.Device d : targets) {
                List<String> models = new ArrayList<>(List.of("mlp", "cnn-s"));
                if (d.gpu()) {
                    models.add("resnet18");
                }
                ChainedOptionsBuilder o = new OptionsBuilder()
                        .param("backend", d.backend())
                        .param("device", d.device())
                        .param("threads", Integer.toString(threads))
                        .param("model", models.toArray(String[]::new))
                        .forks(1)
                        .shouldFailOnError(false)
                        .jvmArgsAppend("-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                                "-Djava.awt.headless=true", "--add-modules=jdk.incubator.vector")
                        .result(dir.resolve("jmh-" + d.backend() + "-" + d.device().replace(':', '-') + ".json").toString())
                        .resultFormat(ResultFormatType.JSON);
                for (String b : benchmarks) {
                    o.include(switch (b) {
                        case "step" -> StepBenchmark.class.getName();
                        case "vec" -> VecBenchmark.class.getName();
                        default -> EvaluationBenchmark.class.getName();
                    } + "\\.");
                }
                if (quick) {
                    o.warmupIterations(1).warmupTime(TimeValue.seconds(1)).measurementIterations(2)
                            .measurementTime(TimeValue.seconds(1));
                } else {
                    o.warmupIterations(3).warmupTime(TimeValue.seconds(2)).measurementIterations(5)
                            .measurementTime(TimeValue.seconds(2));
                }
                out.println("benchmarking " + d.id() + " ...");
                Collection<RunResult> results = new Runner(o.build()).run();
                for (RunResult r : results) {
                    measurements.add(measurement(d, r));
                }
            }
        } catch (RunnerException e) {
            err.println("vsam bench: JMH failed: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("vsam bench: cannot write to " + dir + ": " + e.getMessage());
            return 1;
        }
        double minutes = (System.nanoTime() - t0) / 60e9;
        BenchReport report = new BenchReport(measurements);
        String command = "vsam bench " + String.join(" ", args);
        try {
            AtomicFiles.write(dir.resolve("bench.json"), Json.writePretty(json(command, quick, threads, machine,
                    skipped, measurements)));
            AtomicFiles.write(dir.resolve("bench.md"), markdown(command, quick, machine, skipped, report, minutes));
        } catch (IOException e) {
            err.println("vsam bench: cannot write to " + dir + ": " + e.getMessage());
            return 1;
        }
        out.println();
        out.print(report.markdown());
        out.printf(Locale.ROOT, "%nwrote %s and %s (%.1f minutes)%n", dir.resolve("bench.md"), dir.resolve("bench.json"), minutes);
        return 0;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return args[i];
    }

    private static Measurement measurement(BenchTarget.Device d, RunResult r) {
        String name = r.getParams().getBenchmark();
        String kind = name.contains(StepBenchmark.class.getSimpleName()) ? "step"
                : name.contains(VecBenchmark.class.getSimpleName()) ? "vec" : "evaluation";
        Map<String, String> params = new LinkedHashMap<>();
        for (String key : r.getParams().getParamsKeys()) {
            if (!key.equals("backend") && !key.equals("device")) {
                params.put(key, r.getParams().getParam(key));
            }
        }
        return new Measurement(kind, d.id(), params, r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(),
                r.getPrimaryResult().getScoreUnit());
    }

    private static Map<String, Object> json(String command, boolean quick, int threads, Machine machine, List<String> skipped,
                                            List<Measurement> measurements) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("command", command);
        root.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        root.put("mode", quick ? "quick" : "full");
        root.put("threads", threads);
        root.put("machine", machine.toMap());
        root.put("skipped", skipped);
        List<Object> rows = new ArrayList<>();
        for (Measurement m : measurements) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("benchmark", m.benchmark());
            row.put("target", m.target());
            row.put("params", new LinkedHashMap<>(m.params()));
            row.put("score", m.score());
            row.put("error", Double.isFinite(m.error()) ? m.error() : null);
            row.put("unit", m.unit());
            rows.add(row);
        }
        root.put("results", rows);
        return root;
    }

    private static String markdown(String command, boolean quick, Machine machine, List<String> skipped, BenchReport report,
                                   double minutes) {
        StringBuilder s = new StringBuilder("# vSAM benchmarks\n\n");
        s.append("- command: `").append(command).append("`\n");
        s.append("- date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        s.append("- machine: ").append(machine.describe()).append('\n');
        s.append(String.format(Locale.ROOT, "- JMH: %s, 1 fork per benchmark, average time; ± is JMH's 99.9%% interval; took %.1f minutes%n",
                quick ? "quick (1 × 1 s warm-up, 2 × 1 s measured)" : "3 × 2 s warm-up, 5 × 2 s measured", minutes));
        s.append("- targets: ").append(String.join(", ", report.targets())).append('\n');
        for (String skip : skipped) {
            s.append("- skipped ").append(skip).append('\n');
        }
        s.append('\n').append(report.markdown());
        return s.toString();
    }
}
