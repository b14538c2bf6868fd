package vsam.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import vsam.api.config.Settings;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import vsam.api.config.ConfigJson;
import vsam.api.config.RunConfig;
import vsam.api.telemetry.IterationEvent;
import vsam.gui.form.ConfigForm;
import vsam.gui.plot.ChartCanvas;
import vsam.gui.run.LiveRun;
import vsam.gui.run.RunJob;
import vsam.gui.run.RunStatus;
import vsam.testkit.ReferenceBackend;

/**
 * The window, driven headless (Monocle) with the pure-Java reference backend: validation as you type,
 * configuration files, run folders opened from disk, exports, a short run, and throttled redraws.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    @TempDir
    Path dir;

    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private MainView view;

    @Start
    void start(Stage stage) {
        view = new MainView(() -> List.of(new ReferenceBackend()), new ReferenceLauncher(), dialogs);
        stage.setScene(new Scene(view, 1440, 900));
        stage.show();
    }

    @Stop
    void stop() {
        view.close();
    }

    private void awaitProbe() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.form().backends().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void type(FxRobot robot, String id, String text) {
        TextField field = robot.lookup(id).queryAs(TextField.class);
        // Focus rather than click: the form scrolls, and the field may lie below the visible part.
        robot.interact(() -> {
            field.requestFocus();
            field.selectAll();
        });
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void anInvalidFieldDisablesStartAndShowsTheMessage(FxRobot robot) throws Exception {
        awaitProbe();
        Button start = robot.lookup("#start").queryButton();
        assertFalse(start.isDisabled(), view.form().errorProperty().get());
        type(robot, "#epochs", "0");
        assertTrue(start.isDisabled());
        Label error = robot.lookup("#formError").queryAs(Label.class);
        assertTrue(error.isVisible());
        assertEquals("invalid epochs: 0 (allowed: an integer in [1, 100000])", error.getText());
        assertTrue(robot.lookup("#epochs").query().getStyleClass().contains("invalid"));
        assertTrue(robot.lookup("#saveConfig").queryButton().isDisabled(), "an invalid configuration cannot be saved");
        type(robot, "#epochs", "2");
        assertFalse(start.isDisabled());
        assertFalse(error.isVisible());
        assertFalse(robot.lookup("#epochs").query().getStyleClass().contains("invalid"));
    }

    @Test
    void eachMethodShowsItsOwnHyperParameters(FxRobot robot) throws Exception {
        awaitProbe();
        assertTrue(robot.lookup("#method-vsam-window").tryQuery().isPresent(), "vsam is the default method");
        @SuppressWarnings("unchecked")
        ComboBox<String> method = robot.lookup("#method-name").queryAs(ComboBox.class);
        robot.clickOn(method);
        robot.clickOn("looksam");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#method-vsam-window").tryQuery().isPresent());
        assertTrue(robot.lookup("#method-looksam-period").tryQuery().isPresent());
        assertEquals("looksam", view.form().config().orElseThrow().method().name());
        robot.interact(() -> method.setValue("asam"));
        assertEquals("2", robot.lookup("#method-rho").queryAs(TextField.class).getText(), "ASAM's own default radius");
    }

    @Test
    void theRadiusScheduleAndGradientClippingAreOnTheForm(FxRobot robot) throws Exception {
        awaitProbe();
        assertTrue(robot.lookup("#optimizer-clipGradNorm").tryQuery().isPresent(), "clipping is a base-optimizer field");
        assertFalse(robot.lookup("#method-rhoFinal").tryQuery().isPresent(), "no final radius while ρ is constant");
        @SuppressWarnings("unchecked")
        ComboBox<String> schedule = robot.lookup("#method-rhoSchedule").queryAs(ComboBox.class);
        robot.interact(() -> schedule.setValue("cosine"));
        TextField rhoFinal = robot.lookup("#method-rhoFinal").queryAs(TextField.class);
        robot.interact(() -> rhoFinal.setText("0.01"));
        TextField clip = robot.lookup("#optimizer-clipGradNorm").queryAs(TextField.class);
        robot.interact(() -> clip.setText("2"));
        vsam.api.config.RunConfig c = view.form().config().orElseThrow();
        assertEquals(vsam.api.config.MethodConfig.RhoSchedule.COSINE, c.method().rhoSchedule());
        assertEquals(0.01, c.method().rhoFinal());
        assertEquals(2.0, c.optimizer().clipGradNorm());
    }

    @Test
    void aConfigurationIsSavedAndLoadedAsRunFolderJson(FxRobot robot) throws Exception {
        awaitProbe();
        type(robot, "#epochs", "4");
        Path file = dir.resolve("config.json");
        dialogs.save = file;
        robot.clickOn("#saveConfig");
        WaitForAsyncUtils.waitForFxEvents();
        RunConfig saved = ConfigJson.read(Files.readString(file));
        assertEquals(4, saved.epochs());
        assertEquals(view.form().config().orElseThrow(), saved);
        type(robot, "#epochs", "9");
        dialogs.open = file;
        robot.clickOn("#loadConfig");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("4", robot.lookup("#epochs").queryAs(TextField.class).getText());
        assertEquals(saved, view.form().config().orElseThrow());
    }

    @Test
    void aRunFolderOpensIntoTheTableAndExportsAsCsvAndPng(FxRobot robot) throws Exception {
        awaitProbe();
        TestRuns.write(dir.resolve("runs/20250101-100000-sam"), "sam", 10, 0.70, 0.75);
        TestRuns.write(dir.resolve("runs/20250101-110000-vsam"), "vsam", 5, 0.72, 0.76);
        robot.clickOn("Compare");
        dialogs.folder = dir.resolve("runs");
        robot.clickOn("#openRuns");
        WaitForAsyncUtils.waitForFxEvents();
        CompareView compare = view.compare();
        assertEquals(2, compare.table().getItems().size());
        assertEquals("20250101-100000-sam", compare.baseline().getValue().name(), "SAM is the default baseline");
        assertEquals("2.00×", compare.comparison().speedUpText(compare.table().getItems().get(1)));
        assertTrue(robot.lookup("2.00×").tryQuery().isPresent(), "the speed-up is shown in the table");
        robot.clickOn("20250101-110000-vsam");
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> compare.charts().get(0).lastDrawn() != null
                && compare.charts().get(0).lastDrawn().series().size() == 1);

        Path csv = dir.resolve("runs.csv");
        dialogs.save = csv;
        robot.clickOn("#exportCsv");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("run,method,"), lines.get(0));
        assertTrue(lines.get(2).startsWith("20250101-110000-vsam,vsam,mlp,embedded,djl,cpu,completed,0.760000,0.760000,5.000,"),
                lines.get(2));

        Path png = dir.resolve("accuracy.png");
        dialogs.save = png;
        robot.rightClickOn("#overlay-accuracy");
        robot.clickOn("Export as PNG…");
        WaitForAsyncUtils.waitForFxEvents();
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a PNG was written");
        ChartCanvas chart = robot.lookup("#overlay-accuracy").queryAs(ChartCanvas.class);
        assertEquals((int) chart.getWidth(), image.getWidth(), 1);
        assertTrue(robot.lookup("#statusLine").queryAs(Label.class).getText().startsWith("saved "));
    }

    @Test
    void aShortRunFeedsTheLiveChartsAndJoinsTheComparison(FxRobot robot) throws Exception {
        awaitProbe();
        robot.interact(() -> {
            view.form().load(TestRuns.quick("reference", "vsam"));
            view.form().field(Settings.TRAIN_SUBSET).set("200");
            view.form().field(ConfigForm.RUNS_FOLDER).set(dir.resolve("runs").toString());
        });
        robot.clickOn("#start");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view.queue().jobs().size() == 1
                && view.queue().jobs().get(0).status().isFinal());
        RunJob job = view.queue().jobs().get(0);
        assertEquals(RunStatus.COMPLETED, job.status(), job.message());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> view.compare().table().getItems().size() == 1);
        ChartCanvas loss = robot.lookup("#chart-loss").queryAs(ChartCanvas.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> loss.lastDrawn() != null
                && loss.lastDrawn().series(LiveRun.LOSS).orElseThrow().size() == 4);
        Label progressText = robot.lookup("#progressText").queryAs(Label.class);
        // the progress line follows the clock (a few ticks a second) and every change of status: give it a tick
        try {
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> progressText.getText().contains("it 4/4")
                    && progressText.getText().contains(RunStatus.COMPLETED.label()));
        } catch (java.util.concurrent.TimeoutException e) {
            fail("the progress line still reads: " + progressText.getText());
        }
        assertTrue(Files.isRegularFile(job.folder().orElseThrow().resolve("summary.json")));
    }

    @Test
    void thousandsOfEventsASecondRedrawAtMostOncePerTick(FxRobot robot) throws Exception {
        awaitProbe();
        LiveRun live = new LiveRun();
        live.begin(1, 200_000, 64);
        ChartCanvas loss = robot.lookup("#chart-loss").queryAs(ChartCanvas.class);
        robot.interact(() -> loss.setModel(live.lossChart()));
        long ticksBefore = view.clock().ticks();
        long redrawsBefore = loss.redraws();
        Thread trainer = new Thread(() -> {
            for (int i = 0; i < 200_000; i++) {
                live.onIteration(new IterationEvent(i, 0, i % 3 == 0, 10, 0.2, 0.3, Math.exp(-i / 50_000.0), 1, 0.1, 0.1,
                        1e-3, 0.05, 1_000_000, i));
                if (i % 1000 == 0) {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
        trainer.start();
        trainer.join();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> loss.lastDrawn() != null
                && loss.lastDrawn().series(LiveRun.LOSS).orElseThrow().size() > 0
                && loss.lastDrawn().series(LiveRun.LOSS).orElseThrow().lastY() < 0.03);
        long ticks = view.clock().ticks() - ticksBefore;
        long redraws = loss.redraws() - redrawsBefore;
        assertTrue(redraws >= 1 && redraws <= ticks + 1, redraws + " redraws in " + ticks + " ticks");
        assertTrue(loss.lastDrawn().series(LiveRun.LOSS).orElseThrow().size() <= 4097, "decimated");
    }
}
