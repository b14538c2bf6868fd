package vsam.gui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import vsam.algorithm.checkpoint.AtomicFiles;
import vsam.algorithm.run.RunFolderException;
import vsam.algorithm.train.SamGainShare;
import vsam.gui.compare.RunComparison;
import vsam.gui.compare.RunRecord;
import vsam.gui.files.FileDialogs;
import vsam.gui.plot.ChartCanvas;
import vsam.gui.plot.FrameClock;

/**
 * The comparison: a table of this session's runs and of run folders opened from disk (final and best
 * accuracy, training time, passes per step, SAM fraction, speed-up against a chosen baseline), the
 * selected runs' curves overlaid (all runs when none is selected), CSV export of the table and PNG
 * export of each chart.
 */
final class CompareView extends VBox {

    private final FileDialogs dialogs;
    private final Consumer<String> status;
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final TableView<RunRecord> table = new TableView<>(runs);
    private final ComboBox<RunRecord> baseline = new ComboBox<>(runs);
    private final ChartCanvas accuracy;
    private final ChartCanvas loss;
    private final ChartCanvas samFraction;
    private boolean baselinePicked;
    private boolean settingBaseline;

    CompareView(FrameClock clock, FileDialogs dialogs, Consumer<String> status) {
        this.dialogs = dialogs;
        this.status = status;
        RunComparison none = new RunComparison(List.of(), Optional.empty());
        accuracy = chart("overlay-accuracy", none.accuracyOverlay(), "compare-accuracy.png");
        loss = chart("overlay-loss", none.lossOverlay(), "compare-loss.png");
        samFraction = chart("overlay-sam", none.samFractionOverlay(), "compare-sam-fraction.png");
        for (ChartCanvas c : List.of(accuracy, loss, samFraction)) {
            clock.add(c::redrawIfDirty);
        }

        Button open = new Button("Open run folder…");
        open.setId("openRuns");
        open.setOnAction(e -> dialogs.chooseFolder("Open a run folder (or a folder of runs)").ifPresent(this::open));
        baseline.setId("baseline");
        baseline.setPromptText("baseline run");
        baseline.setPrefWidth(260);
        baseline.valueProperty().addListener((obs, old, now) -> {
            if (!settingBaseline) {
                baselinePicked = now != null; // a person chose it: keep it while it is in the table
            }
            changed();
        });
        Button export = new Button("Export CSV…");
        export.setId("exportCsv");
        export.setOnAction(e -> dialogs.saveFile("Export the runs table as CSV", "runs.csv", "csv")
                .ifPresent(p -> status.accept(exportCsv(p))));
        Button remove = new Button("Remove");
        remove.setId("removeRuns");
        remove.setOnAction(e -> runs.removeAll(List.copyOf(table.getSelectionModel().getSelectedItems())));
        Label hint = new Label("Select runs to overlay their curves (none selected: all).");
        hint.getStyleClass().add("hint");
        HBox bar = new HBox(8, open, new Label("Baseline"), baseline, export, remove, hint);
        bar.setAlignment(Pos.CENTER_LEFT);

        table.setId("runsTable");
        table.setPlaceholder(new Label("Finished runs appear here; older ones can be opened from disk."));
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getColumns().add(column("run", 170, RunRecord::name));
        table.getColumns().add(column("method", 70, RunRecord::method));
        table.getColumns().add(column("setup", 150, r -> r.config().model() + " · " + r.config().data().dataset() + " · "
                + r.config().backend() + "/" + r.config().device()));
        table.getColumns().add(column("status", 80, RunRecord::status));
        table.getColumns().add(column("final acc", 75, r -> percent(r.finalAccuracy())));
        table.getColumns().add(column("best acc", 75, r -> percent(r.bestAccuracy())));
        table.getColumns().add(column("train s", 70, r -> String.format(Locale.ROOT, "%.1f", r.trainSeconds())));
        table.getColumns().add(column("passes/step", 80, r -> String.format(Locale.ROOT, "%.2f", r.passesPerStep())));
        table.getColumns().add(column("SAM fraction", 90, r -> percent(r.samFraction())));
        table.getColumns().add(column("speed-up", 80, r -> comparison(runs).speedUpText(r)));
        table.getColumns().add(column("SAM's gain kept", 110, r -> SamGainShare.percent(comparison(runs).samGainKept(r))));
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunRecord>) c -> changed());
        runs.addListener((ListChangeListener<RunRecord>) c -> {
            if (!baselinePicked || !runs.contains(baseline.getValue())) {
                // Until a person picks one, the baseline is the first SAM run (else the first run).
                settingBaseline = true;
                baselinePicked = false;
                baseline.setValue(RunComparison.defaultBaseline(runs).orElse(null));
                settingBaseline = false;
            }
            changed();
        });

        HBox charts = new HBox(6, accuracy, loss, samFraction);
        for (ChartCanvas c : List.of(accuracy, loss, samFraction)) {
            HBox.setHgrow(c, Priority.ALWAYS);
        }
        charts.setPrefHeight(420);
        charts.setMinHeight(260);
        table.setPrefHeight(220);
        table.setMinHeight(120);
        VBox.setVgrow(table, Priority.SOMETIMES);
        VBox.setVgrow(charts, Priority.ALWAYS);
        setSpacing(6);
        setPadding(new Insets(8));
        getChildren().addAll(bar, table, charts);
    }

    private ChartCanvas chart(String id, vsam.gui.chart.ChartModel model, String fileName) {
        ChartCanvas c = new ChartCanvas(model);
        c.setId(id);
        c.setPrefSize(300, 280);
        ChartExport.install(c, dialogs, status, fileName);
        return c;
    }

    private static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f%%", 100 * v) : "";
    }

    private static TableColumn<RunRecord, String> column(String name, double width, Function<RunRecord, String> value) {
        TableColumn<RunRecord, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }

    private RunComparison comparison(List<RunRecord> which) {
        return new RunComparison(which, Optional.ofNullable(baseline.getValue()));
    }

    /** The whole table against the chosen baseline. */
    RunComparison comparison() {
        return comparison(runs);
    }

    private void changed() {
        List<RunRecord> selected = List.copyOf(table.getSelectionModel().getSelectedItems());
        RunComparison shown = comparison(selected.isEmpty() ? runs : selected);
        accuracy.setModel(shown.accuracyOverlay());
        loss.setModel(shown.lossOverlay());
        samFraction.setModel(shown.samFractionOverlay());
        table.refresh();
    }

    /** Adds a run, replacing one read earlier from the same folder. */
    void add(RunRecord record) {
        runs.removeIf(r -> r.folder().toAbsolutePath().normalize().equals(record.folder().toAbsolutePath().normalize()));
        runs.add(record);
    }

    /** Opens {@code folder} (one run, or a folder of runs) into the table; reports the outcome on the status line. */
    void open(Path folder) {
        try {
            List<RunRecord> read = RunRecord.readAll(folder);
            read.forEach(this::add);
            status.accept("opened " + read.size() + (read.size() == 1 ? " run" : " runs") + " from " + folder);
        } catch (RunFolderException e) {
            status.accept(e.getMessage());
        }
    }

    /** Writes the table to {@code file}; returns a line for the status bar. */
    String exportCsv(Path file) {
        try {
            AtomicFiles.write(file, comparison().csv());
            return "saved " + file;
        } catch (IOException e) {
            return "cannot write " + file + ": " + e.getMessage();
        }
    }

    /** The runs table. */
    TableView<RunRecord> table() {
        return table;
    }

    /** The baseline drop-down. */
    ComboBox<RunRecord> baseline() {
        return baseline;
    }

    /** The overlay charts: accuracy, loss, SAM fraction. */
    List<ChartCanvas> charts() {
        return List.of(accuracy, loss, samFraction);
    }
}
