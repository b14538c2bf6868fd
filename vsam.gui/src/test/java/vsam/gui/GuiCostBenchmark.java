package vsam.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import vsam.algorithm.train.CancellationToken;
import vsam.algorithm.train.TrainingResult;
import vsam.api.Backends;
import vsam.api.config.ConfigBuilder;
import vsam.api.config.RunConfig;
import vsam.api.config.Setting;
import vsam.api.config.Settings;
import vsam.api.network.TrainingData;
import vsam.gui.form.ConfigForm;
import vsam.gui.run.RunJob;
import vsam.gui.run.RunLauncher;
import vsam.gui.run.RunStatus;

/**
 * What charting costs a run (issue 17: at most 5% of training throughput): the same vSAM run of {@code cnn-s}
 * trained the command line's way ({@link RunLauncher#standard} with no listener, on this thread) and from the
 * app's Start button (the same launcher, with the live charts drawn in the window while it trains), in
 * alternating pairs after an untimed warm-up run of each, compared by their own training time (evaluation
 * excluded). Prints each time and the ratio; asserts only that every run completed.
 *
 * <p>The window is rendered by JavaFX's software pipeline into Monocle's headless screen (this module's test
 * set-up), which is the work Prism's software renderer does under Xvfb; a desktop with a GPU pipeline draws
 * for less.
 *
 * <p>A benchmark, excluded from the default build: {@code mvn -o -q test -pl vsam.gui -Dvsam.excludedGroups=none
 * -Dtest=GuiCostBenchmark [-Dvsam.bench.pairs=N -Dvsam.bench.images=M -Dvsam.bench.threads=T]} (defaults 2
 * pairs, 12,800 Fashion-MNIST images = 100 steps per epoch, 2 epochs, 2 threads, backend djl).
 */
@ExtendWith(ApplicationExtension.class)
@Tag("benchmark")
class GuiCostBenchmark {

    @TempDir
    Path dir;

    private MainView view;

    @Start
    void start(Stage s) {
        view = new MainView(Backends::discover, RunLauncher.standard(0), new ScriptedDialogs());
        s.setScene(new Scene(view, 1440, 900));
        s.show();
    }

    @Stop
    void stop() {
        view.close();
    }

    @Test
    void chartingCostsAtMostAFewPercentOfTraining(FxRobot robot) throws Exception {
        String backend = System.getProperty("vsam.bench.backend", "djl");
        assumeTrue(Backends.discover().stream().anyMatch(b -> b.id().equals(backend)),
                "the " + backend + " backend is not on the test path");
        int pairs = Integer.getInteger("vsam.bench.pairs", 2);
        Map<Setting<?>, String> texts = new LinkedHashMap<>();
        texts.put(Settings.BACKEND_ID, backend);
        texts.put(Settings.THREADS, Integer.toString(Integer.getInteger("vsam.bench.threads", 2)));
        texts.put(Settings.EPOCHS, "2");
        texts.put(Settings.TRAIN_SUBSET, Integer.toString(Integer.getInteger("vsam.bench.images", 12_800)));
        RunConfig config = ConfigBuilder.override(RunConfig.defaults("vsam", "fashion-mnist"), texts);
        RunLauncher commandLine = RunLauncher.standard(0);
        TrainingData data = commandLine.prepare(config);

        commandLineRun(commandLine, config, data, "warm-up");
        guiRun(robot, config, 0);
        ThreadTimes idle = new ThreadTimes();
        idle.begin();
        Thread.sleep(10_000);
        idle.end();
        System.out.println("[gui] CPU seconds by thread over 10 s with the window idle after a run: " + idle.top(4));
        List<Double> cli = new ArrayList<>();
        List<Double> gui = new ArrayList<>();
        ThreadTimes cliThreads = new ThreadTimes();
        ThreadTimes guiThreads = new ThreadTimes();
        for (int p = 1; p <= pairs; p++) {
            cliThreads.begin();
            cli.add(commandLineRun(commandLine, config, data, "cli" + p));
            cliThreads.end();
            guiThreads.begin();
            gui.add(guiRun(robot, config, p));
            guiThreads.end();
        }
        double cliSum = cli.stream().mapToDouble(Double::doubleValue).sum();
        double guiSum = gui.stream().mapToDouble(Double::doubleValue).sum();
        System.out.printf("[gui] %s, cnn-s, %d images, 2 epochs, vSAM, %d threads: training seconds, command line %s,"
                        + " GUI charting %s; GUI/command line %.3f (throughput cost %.1f%%)%n",
                backend, data.trainSize(), config.threads(), seconds(cli), seconds(gui), guiSum / cliSum,
                100 * (1 - cliSum / guiSum));
        System.out.println("[gui] CPU seconds by thread over the command-line runs: " + cliThreads.top(6));
        System.out.println("[gui] CPU seconds by thread over the GUI runs: " + guiThreads.top(6));
    }

    /** CPU time per thread name (digits dropped, so pools add up) between {@link #begin} and {@link #end}, summed. */
    private static final class ThreadTimes {
        private final java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        private final Map<String, Long> totals = new java.util.TreeMap<>();
        private Map<Long, Long> start = Map.of();

        private Map<Long, Long> now() {
            Map<Long, Long> cpu = new java.util.HashMap<>();
            for (long id : bean.getAllThreadIds()) {
                long t = bean.getThreadCpuTime(id);
                if (t >= 0) {
                    cpu.put(id, t);
                }
            }
            return cpu;
        }

        void begin() {
            start = now();
        }

        void end() {
            for (Map.Entry<Long, Long> e : now().entrySet()) {
                java.lang.management.ThreadInfo info = bean.getThreadInfo(e.getKey());
                if (info != null) {
                    String name = info.getThreadName().replaceAll("[0-9]+", "#");
                    totals.merge(name, e.getValue() - start.getOrDefault(e.getKey(), 0L), Long::sum);
                }
            }
        }

        String top(int n) {
            return totals.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                    .map(e -> String.format(java.util.Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() / 1e9))
                    .collect(java.util.stream.Collectors.joining(", "));
        }
    }

    private static String seconds(List<Double> times) {
        return times.stream().map(t -> String.format(java.util.Locale.ROOT, "%.1f", t))
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    private double commandLineRun(RunLauncher launcher, RunConfig config, TrainingData data, String name) {
        TrainingResult r = launcher.train(config, data, dir.resolve(name), List.of(), new CancellationToken());
        assertEquals(TrainingResult.Status.COMPLETED, r.status());
        return r.trainSeconds();
    }

    private double guiRun(FxRobot robot, RunConfig config, int pair) throws Exception {
        robot.interact(() -> {
            view.form().load(config);
            view.form().field(ConfigForm.RUNS_FOLDER).set(dir.resolve("gui-runs").toString());
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view.form().validProperty().get());
        robot.clickOn("#start");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.queue().jobs().size() == pair + 1);
        RunJob job = view.queue().jobs().get(pair);
        WaitForAsyncUtils.waitFor(600, TimeUnit.SECONDS, () -> job.status().isFinal());
        assertEquals(RunStatus.COMPLETED, job.status(), job.message());
        return job.result().orElseThrow().trainSeconds();
    }
}
