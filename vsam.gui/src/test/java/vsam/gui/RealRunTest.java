package vsam.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import vsam.api.Backends;
import vsam.api.config.ConfigJson;
import vsam.api.config.RunConfig;
import vsam.api.config.VsamConfig;
import vsam.gui.chart.ChartSnapshot;
import vsam.gui.form.ConfigForm;
import vsam.gui.plot.PngExport;
import vsam.gui.run.LiveRun;
import vsam.gui.run.RunJob;
import vsam.gui.run.RunLauncher;
import vsam.gui.run.RunStatus;

/**
 * The app as a person uses it, with the real DJL backend found at run time: choose vsam, Start, watch
 * the charts fill, compare with a SAM run; Stop a long run and see the next one run. Writes screenshots
 * of the window to {@code target/} for a person to look at.
 */
@ExtendWith(ApplicationExtension.class)
class RealRunTest {

    @TempDir
    Path dir;

    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private MainView view;

    @BeforeAll
    static void needsTheDjlBackend() {
        assumeTrue(Backends.discover().stream().anyMatch(b -> b.id().equals("djl")),
                "the djl backend is not on the test path (no vsam.backend.djl module in this checkout)");
    }

    @Start
    void start(Stage s) {
        view = new MainView(Backends::discover, RunLauncher.standard(0), dialogs);
        s.setScene(new Scene(view, 1440, 900));
        s.show();
    }

    @Stop
    void stop() {
        view.close();
    }

    /** A few seconds on the embedded data: mlp, 1000 images, batch 32; vSAM with a short window so it adapts. */
    private void configure(FxRobot robot, int epochs) throws Exception {
        configure(robot, epochs, "djl");
    }

    private void configure(FxRobot robot, int epochs, String backend) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view.form().backends().isPresent());
        RunConfig quick = TestRuns.quick(backend, "vsam");
        RunConfig c = new RunConfig(backend, "cpu", 1, "mlp", quick.init(), quick.data(), epochs, 32, 5, 0,
                quick.smoothing(), quick.optimizer(), quick.schedule(), quick.method().withParams(VsamConfig.defaults().withWindow(10, 2)));
        robot.interact(() -> {
            view.form().load(c);
            view.form().field(ConfigForm.RUNS_FOLDER).set(dir.resolve("runs").toString());
        });
        assertTrue(view.form().validProperty().get(), view.form().errorProperty().get());
    }

    private void choose(FxRobot robot, String method) {
        @SuppressWarnings("unchecked")
        ComboBox<String> box = robot.lookup("#method-name").queryAs(ComboBox.class);
        robot.clickOn(box);
        robot.clickOn(method);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(method, view.form().config().orElseThrow().method().name());
    }

    private static void awaitFinal(RunJob job, int seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> job.status().isFinal());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aVsamRunOnDjlFillsTheChartsAndComparesWithSam(FxRobot robot) throws Exception {
        configure(robot, 3);
        choose(robot, "vsam");
        robot.clickOn("#start");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.queue().jobs().size() == 1);
        RunJob vsam = view.queue().jobs().get(0);
        awaitFinal(vsam, 120);
        assertEquals(RunStatus.COMPLETED, vsam.status(), vsam.message());

        LiveRun live = vsam.live();
        long iterations = 3 * (1000 / 32);
        assertEquals(iterations, live.progress().iterations());
        ChartSnapshot loss = live.lossChart().snapshot();
        assertEquals(iterations, loss.series(LiveRun.LOSS).orElseThrow().size());
        assertEquals(3, live.accuracyChart().snapshot().series(LiveRun.TEST_ACCURACY).orElseThrow().size());
        ChartSnapshot sampling = live.samplingChart().snapshot();
        int sampled = sampling.series(LiveRun.SAMPLED).orElseThrow().size();
        assertTrue(sampled >= 10 && sampled < iterations, "vSAM samples after its warm-up only some steps: " + sampled);
        assertEquals(iterations, sampling.series(LiveRun.S_OVER_K).orElseThrow().size());
        assertTrue(live.psfChart().snapshot().series(LiveRun.PSF_NORM).orElseThrow().size() > 0);
        assertEquals(iterations, live.stepTimeChart().snapshot().series(LiveRun.STEP_MS).orElseThrow().size());
        Path folder = vsam.folder().orElseThrow();
        assertEquals(vsam.config(), ConfigJson.read(Files.readString(folder.resolve("config.json"))));
        assertTrue(Files.readString(folder.resolve("summary.json")).contains("\"status\": \"completed\""));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> view.monitor().charts().get(0).lastDrawn() != null
                && view.monitor().charts().get(0).lastDrawn().series(LiveRun.LOSS).orElseThrow().size() == iterations);
        robot.interact(() -> write(view, Path.of("target", "gui-screenshot.png")));

        choose(robot, "sam");
        robot.clickOn("#start");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.queue().jobs().size() == 2);
        RunJob sam = view.queue().jobs().get(1);
        awaitFinal(sam, 120);
        assertEquals(RunStatus.COMPLETED, sam.status(), sam.message());
        assertEquals(2.0, sam.result().orElseThrow().passesPerStep(), 1e-9);
        robot.clickOn("Compare");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> view.compare().table().getItems().size() == 2);
        CompareView compare = view.compare();
        assertEquals("sam", compare.baseline().getValue().method(), "the SAM run is the baseline");
        assertTrue(compare.comparison().speedUp(compare.table().getItems().get(0)).isPresent());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> compare.charts().get(0).lastDrawn() != null
                && compare.charts().get(0).lastDrawn().series().size() == 2);
        robot.interact(() -> write(view, Path.of("target", "gui-compare-screenshot.png")));
    }

    /**
     * Issue 18's "from the GUI": picking {@code vit-tiny} in the model box turns the form to the transformer
     * recipe (AdamW, truncated-normal initialisation; docs/ALGORITHMS.md), and a vSAM(AdamW) run of it trains
     * to the end with its charts filled.
     */
    @ParameterizedTest
    @ValueSource(strings = {"djl", "javacpp"})
    void aVitTinyVsamAdamWRunTrainsFromTheModelBox(String backend, FxRobot robot) throws Exception {
        assumeTrue(Backends.discover().stream().anyMatch(b -> b.id().equals(backend)),
                "the " + backend + " backend is not on the test path (no vsam.backend." + backend + " module in this checkout)");
        configure(robot, 1, backend);
        @SuppressWarnings("unchecked")
        ComboBox<String> model = robot.lookup("#model").queryAs(ComboBox.class);
        robot.interact(() -> model.getSelectionModel().select("vit-tiny"));
        WaitForAsyncUtils.waitForFxEvents();
        RunConfig chosen = view.form().config().orElseThrow(() -> new AssertionError(view.form().errorProperty().get()));
        assertEquals("vit-tiny", chosen.model());
        assertEquals(vsam.api.config.OptimizerConfig.Kind.ADAMW, chosen.optimizer().kind(), "the transformer recipe's optimizer");
        assertEquals(vsam.api.model.InitScheme.TRUNC_NORMAL, chosen.init());
        assertEquals("vsam", chosen.method().name());
        assertEquals(backend, chosen.backend());

        robot.clickOn("#start");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.queue().jobs().size() == 1);
        RunJob run = view.queue().jobs().get(0);
        awaitFinal(run, 180);
        assertEquals(RunStatus.COMPLETED, run.status(), run.message());
        long iterations = 1000 / 32;
        assertEquals(iterations, run.live().progress().iterations());
        assertEquals(1, run.live().accuracyChart().snapshot().series(LiveRun.TEST_ACCURACY).orElseThrow().size());
        double passes = run.result().orElseThrow().passesPerStep();
        assertTrue(passes > 1 && passes < 2, "vSAM does a second pass on some steps only: " + passes);
        String config = Files.readString(run.folder().orElseThrow().resolve("config.json"));
        assertTrue(config.contains("vit-tiny") && config.contains("adamw"), config);
    }

    @Test
    void stopEndsTheRunFreesTheBackendAndTheQueueGoesOn(FxRobot robot) throws Exception {
        configure(robot, 300);
        robot.clickOn("#start");
        configure(robot, 1);
        choose(robot, "sam");
        robot.clickOn("#start");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.queue().jobs().size() == 2);
        RunJob longRun = view.queue().jobs().get(0);
        RunJob next = view.queue().jobs().get(1);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> longRun.live().progress().iterations() >= 5);
        assertEquals(RunStatus.QUEUED, next.status());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#stop");
        awaitFinal(longRun, 60);
        assertEquals(RunStatus.CANCELLED, longRun.status());
        assertTrue(longRun.live().progress().iterations() < 300 * 31);
        String summary = Files.readString(longRun.folder().orElseThrow().resolve("summary.json"));
        assertTrue(summary.contains("\"status\": \"cancelled\""), summary);
        awaitFinal(next, 120);
        assertEquals(RunStatus.COMPLETED, next.status(), "the session was freed and the next run trained: " + next.message());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#stop").queryButton().isDisabled());
    }

    private static void write(MainView view, Path file) {
        try {
            PngExport.write(view.getScene(), file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
