package vsam.gui;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import vsam.gui.files.FileDialogs;
import vsam.gui.plot.ChartCanvas;
import vsam.gui.plot.FrameClock;
import vsam.gui.run.LiveRun;
import vsam.gui.run.Progress;
import vsam.gui.run.RunJob;
import vsam.gui.run.RunQueue;
import vsam.gui.run.RunStatus;

/**
 * The live view of one run (the one running, or the one picked in the queue): five charts fed by its
 * {@link LiveRun} and redrawn by the window's frame clock, and the queue of this session's runs.
 */
final class MonitorView extends VBox {

    private final RunQueue queue;
    private final Label title = new Label("No run yet: configure one on the left and press Start.");
    private final ChartCanvas loss;
    private final ChartCanvas accuracy;
    private final ChartCanvas sampling;
    private final ChartCanvas psf;
    private final ChartCanvas stepTime;
    private final ObservableList<RunJob> jobs = FXCollections.observableArrayList();
    private final TableView<RunJob> table = new TableView<>(jobs);
    private RunJob shown;
    private long lastTableRefresh;
    private String lastStatus = "";

    MonitorView(RunQueue queue, FrameClock clock, FileDialogs dialogs, Consumer<String> status) {
        this.queue = queue;
        LiveRun empty = new LiveRun();
        loss = chart("chart-loss", empty.lossChart(), dialogs, status, "loss.png");
        accuracy = chart("chart-accuracy", empty.accuracyChart(), dialogs, status, "accuracy.png");
        sampling = chart("chart-sampling", empty.samplingChart(), dialogs, status, "sam-fraction.png");
        psf = chart("chart-psf", empty.psfChart(), dialogs, status, "psf.png");
        stepTime = chart("chart-step", empty.stepTimeChart(), dialogs, status, "step-time.png");
        for (ChartCanvas c : charts()) {
            clock.add(c::redrawIfDirty);
        }
        clock.add(this::refreshTable);

        title.setId("monitorTitle");
        title.getStyleClass().add("view-title");
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(6);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            c.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(c);
        }
        for (int i = 0; i < 3; i++) {
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(100.0 / 3);
            r.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(r);
        }
        grid.add(loss, 0, 0);
        grid.add(accuracy, 1, 0);
        grid.add(sampling, 0, 1);
        grid.add(psf, 1, 1);
        grid.add(stepTime, 0, 2);
        grid.add(queuePanel(), 1, 2);
        VBox.setVgrow(grid, Priority.ALWAYS);
        setSpacing(6);
        setPadding(new Insets(8));
        getChildren().addAll(title, grid);
    }

    private static ChartCanvas chart(String id, vsam.gui.chart.ChartModel model, FileDialogs dialogs,
                                     Consumer<String> status, String fileName) {
        ChartCanvas c = new ChartCanvas(model);
        c.setId(id);
        c.setMinSize(200, 150);
        c.setPrefSize(200, 150);
        ChartExport.install(c, dialogs, status, fileName);
        return c;
    }

    private VBox queuePanel() {
        table.setId("queueTable");
        table.setPlaceholder(new Label("No runs yet"));
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getColumns().add(column("#", 34, j -> Integer.toString(j.number())));
        table.getColumns().add(column("method", 70, j -> j.config().method().name()));
        table.getColumns().add(column("setup", 130, j -> j.config().model() + " · " + j.config().data().dataset() + " · "
                + j.config().epochs() + " ep"));
        table.getColumns().add(column("status", 110, MonitorView::statusText));
        table.getColumns().add(column("folder / message", 260, j -> j.message().isEmpty()
                ? j.folder().map(Object::toString).orElse("") : j.message()));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                show(now);
            }
        });
        Button remove = new Button("Remove queued");
        remove.setId("removeQueued");
        remove.setOnAction(e -> List.copyOf(table.getSelectionModel().getSelectedItems()).forEach(queue::remove));
        Label caption = new Label("Queue (runs one after another)");
        caption.getStyleClass().add("caption");
        HBox bar = new HBox(8, caption, remove);
        VBox box = new VBox(4, bar, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private static String statusText(RunJob j) {
        if (j.status() == RunStatus.RUNNING) {
            Progress p = j.live().progress();
            return String.format(java.util.Locale.ROOT, "running %.0f%%", 100 * p.fraction());
        }
        if (j.status() == RunStatus.QUEUED && j.isCancelRequested()) {
            return "removed";
        }
        return j.status().label();
    }

    private static TableColumn<RunJob, String> column(String name, double width,
                                                      java.util.function.Function<RunJob, String> value) {
        TableColumn<RunJob, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    /** A job changed status: list it, and follow it when it starts. */
    void changed(RunJob job) {
        if (!jobs.contains(job)) {
            jobs.add(job);
        }
        if (job.status() == RunStatus.PREPARING) {
            show(job);
        }
        if (job == shown) {
            showTitle();
        }
        table.refresh();
    }

    /** Shows {@code job}'s charts from the next frame on. */
    void show(RunJob job) {
        shown = job;
        LiveRun live = job.live();
        loss.setModel(live.lossChart());
        accuracy.setModel(live.accuracyChart());
        sampling.setModel(live.samplingChart());
        psf.setModel(live.psfChart());
        stepTime.setModel(live.stepTimeChart());
        showTitle();
    }

    private void showTitle() {
        title.setText("Run " + shown.title() + " — " + statusText(shown)
                + (shown.status() == RunStatus.FAILED ? ": " + shown.message() : ""));
    }

    /**
     * Refreshes the queue table and the title while a job runs, at most every 500 ms and only when the running
     * job's status text ("running 43%") changed: re-rendering the table on every tick cost training throughput
     * on a 2-core machine (docs/RESULTS.md §0e).
     */
    private void refreshTable() {
        long now = System.nanoTime();
        java.util.Optional<RunJob> running = queue.current();
        if (now - lastTableRefresh > 500_000_000L && running.isPresent()) {
            lastTableRefresh = now;
            String status = running.get().number() + " " + statusText(running.get());
            if (status.equals(lastStatus)) {
                return;
            }
            lastStatus = status;
            table.refresh();
            if (shown != null) {
                showTitle();
            }
        }
    }

    /** The job whose charts are shown. */
    java.util.Optional<RunJob> shown() {
        return java.util.Optional.ofNullable(shown);
    }

    /** The five chart canvases, in display order. */
    List<ChartCanvas> charts() {
        return List.of(loss, accuracy, sampling, psf, stepTime);
    }

    /** The queue table. */
    TableView<RunJob> table() {
        return table;
    }
}
