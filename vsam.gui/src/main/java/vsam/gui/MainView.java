package vsam.gui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import vsam.api.TensorBackend;
import vsam.api.config.ConfigException;
import vsam.api.config.ConfigJson;
import vsam.api.config.RunConfig;
import vsam.gui.files.FileDialogs;
import vsam.gui.form.ConfigForm;
import vsam.gui.form.ConfigView;
import vsam.gui.plot.FrameClock;
import vsam.gui.run.BackendOption;
import vsam.gui.run.Progress;
import vsam.gui.run.RunLauncher;
import vsam.gui.run.RunJob;
import vsam.gui.run.RunQueue;
import vsam.gui.run.RunStatus;

/**
 * The main window's content: the configuration form on the left, the Monitor and Compare tabs in the
 * middle, Start / Stop and configuration files in the tool bar, progress in the status bar.
 *
 * <p>Threads: training runs on the {@link RunQueue}'s worker; its status changes reach this view
 * through {@link Platform#runLater} (one call per change, never per iteration); per-iteration telemetry
 * goes into plain-Java chart models, and the {@link FrameClock} redraws what changed at most five times a second.
 */
public final class MainView extends BorderPane {

    private final ConfigForm form = new ConfigForm();
    private final ConfigView configView;
    private final FrameClock clock = new FrameClock();
    private final RunQueue queue;
    private final MonitorView monitor;
    private final CompareView compare;
    private final TabPane tabs = new TabPane();
    private final Button start = new Button("Start");
    private final Button stop = new Button("Stop");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label("idle");
    private final Label statusLine = new Label();
    private final Label backendsLine = new Label("probing backends…");
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final FileDialogs dialogs;

    /**
     * @param backends the backends the drop-down offers ({@link vsam.api.Backends#discover()} in the app),
     *                 probed on a background thread
     * @param launcher prepares and trains each run ({@link RunLauncher#standard(int)} in the app)
     * @param dialogs  file and folder choosers
     */
    public MainView(Supplier<List<TensorBackend>> backends, RunLauncher launcher, FileDialogs dialogs) {
        this.dialogs = dialogs;
        getStylesheets().add(MainView.class.getResource("vsam.css").toExternalForm());
        getStyleClass().add("vsam-main");
        configView = new ConfigView(form, dialogs);
        queue = new RunQueue(launcher, Platform::runLater, this::jobChanged);
        monitor = new MonitorView(queue, clock, dialogs, this::status);
        compare = new CompareView(clock, dialogs, this::status);
        clock.add(this::showProgress);

        Tab monitorTab = new Tab("Monitor", monitor);
        monitorTab.setId("monitorTab");
        Tab compareTab = new Tab("Compare", compare);
        compareTab.setId("compareTab");
        tabs.getTabs().addAll(monitorTab, compareTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        ScrollPane left = new ScrollPane(configView);
        left.setFitToWidth(true);
        left.setPrefWidth(370);
        left.setMinWidth(300);
        left.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);

        setTop(toolBar());
        setLeft(left);
        setCenter(tabs);
        setBottom(statusBar());
        clock.start();
        probe(backends);
    }

    private ToolBar toolBar() {
        start.setId("start");
        start.getStyleClass().add("start");
        start.setTooltip(new Tooltip("Start a run with this configuration (queued after the running one)"));
        start.disableProperty().bind(form.validProperty().not());
        start.setOnAction(e -> start());
        stop.setId("stop");
        stop.setTooltip(new Tooltip("Stop the running run after its current step (its run folder keeps what was done)"));
        stop.disableProperty().bind(running.not());
        stop.setOnAction(e -> {
            if (queue.stop()) {
                status("stopping after the current step…");
            }
        });
        Button load = new Button("Load config…");
        load.setId("loadConfig");
        load.setOnAction(e -> dialogs.openFile("Load a configuration (config.json)", "json").ifPresent(this::loadConfig));
        Button save = new Button("Save config…");
        save.setId("saveConfig");
        save.disableProperty().bind(form.validProperty().not());
        save.setOnAction(e -> dialogs.saveFile("Save the configuration", "config.json", "json").ifPresent(this::saveConfig));
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        backendsLine.setId("backendsLine");
        backendsLine.getStyleClass().add("hint");
        return new ToolBar(start, stop, new Separator(), load, save, spacer, backendsLine);
    }

    private HBox statusBar() {
        progress.setId("progress");
        progress.setPrefWidth(220);
        progressText.setId("progressText");
        statusLine.setId("statusLine");
        statusLine.getStyleClass().add("hint");
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, progress, progressText, spacer, statusLine);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private void probe(Supplier<List<TensorBackend>> backends) {
        Thread t = new Thread(() -> {
            List<BackendOption> options;
            try {
                options = BackendOption.probe(backends.get());
            } catch (RuntimeException | LinkageError e) {
                options = List.of();
                String why = e.toString();
                Platform.runLater(() -> status("backend discovery failed: " + why));
            }
            List<BackendOption> found = options;
            Platform.runLater(() -> {
                configView.setBackends(found);
                backendsLine.setText("backends: " + BackendOption.describeAvailable(found));
            });
        }, "vsam-backend-probe");
        t.setDaemon(true);
        t.start();
    }

    /** Queues a run of the form's configuration; returns it, or empty when the form is invalid. */
    java.util.Optional<RunJob> start() {
        return form.config().map(config -> {
            RunJob job = queue.submit(config, form.runsFolder());
            status("queued " + job.title());
            tabs.getSelectionModel().select(0);
            return job;
        });
    }

    private void jobChanged(RunJob job) {
        monitor.changed(job);
        running.set(queue.current().isPresent());
        showProgress(); // a change of status shows at once, not on the next tick of the clock
        if (job.status().isFinal()) {
            job.record().ifPresent(compare::add);
            status(job.title() + " " + job.status().label() + (job.message().isEmpty() ? "" : ": " + job.message()));
        }
    }

    private void showProgress() {
        java.util.Optional<RunJob> shown = monitor.shown();
        if (shown.isEmpty()) {
            return;
        }
        RunJob job = shown.get();
        Progress p = job.live().progress();
        progress.setProgress(job.status() == RunStatus.PREPARING ? ProgressBar.INDETERMINATE_PROGRESS : p.fraction());
        StringBuilder s = new StringBuilder("#" + job.number() + " " + job.config().method().name() + " · " + job.status().label());
        if (p.totalIterations() > 0) {
            s.append(String.format(Locale.ROOT, " · epoch %d/%d · it %,d/%,d", Math.min(p.epoch() + 1, p.epochs()), p.epochs(),
                    p.iterations(), p.totalIterations()));
        }
        if (Double.isFinite(p.imagesPerSecond())) {
            s.append(String.format(Locale.ROOT, " · %,.0f img/s", p.imagesPerSecond()));
        }
        if (job.status() == RunStatus.RUNNING) {
            s.append(" · ETA ").append(Progress.clock(p.etaSeconds()));
        }
        if (Double.isFinite(p.samFraction())) {
            s.append(String.format(Locale.ROOT, " · SAM %.1f%%", 100 * p.samFraction()));
        }
        if (Double.isFinite(p.testAccuracy())) {
            s.append(String.format(Locale.ROOT, " · test acc %.2f%%", 100 * p.testAccuracy()));
        }
        progressText.setText(s.toString());
    }

    /** Loads a configuration file (a run folder's config.json, or one saved here) into the form. */
    void loadConfig(Path file) {
        try {
            RunConfig config = ConfigJson.read(Files.readString(file, StandardCharsets.UTF_8));
            form.load(config);
            status("loaded " + file);
        } catch (IOException e) {
            status("cannot read " + file + ": " + e.getMessage());
        } catch (ConfigException e) {
            status(file + ": " + e.getMessage());
        }
    }

    /** Saves the form's configuration as JSON (the form of a run folder's config.json). */
    void saveConfig(Path file) {
        form.config().ifPresentOrElse(config -> {
            try {
                Files.writeString(file, ConfigJson.write(config), StandardCharsets.UTF_8);
                status("saved " + file);
            } catch (IOException e) {
                status("cannot write " + file + ": " + e.getMessage());
            }
        }, () -> status("the configuration is invalid: " + form.errorProperty().get()));
    }

    private void status(String message) {
        statusLine.setText(message);
    }

    /** Stops the frame clock, stops the running job and drops the queued ones. */
    public void close() {
        clock.stop();
        try {
            queue.shutdown(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The form's view-model. */
    public ConfigForm form() {
        return form;
    }

    /** The run queue. */
    public RunQueue queue() {
        return queue;
    }

    /** The frame clock. */
    public FrameClock clock() {
        return clock;
    }

    MonitorView monitor() {
        return monitor;
    }

    CompareView compare() {
        return compare;
    }

    ConfigView configView() {
        return configView;
    }

    TabPane tabs() {
        return tabs;
    }
}
