package vsam.gui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.MouseButton;
import vsam.gui.files.FileDialogs;
import vsam.gui.plot.ChartCanvas;
import vsam.gui.plot.PngExport;

/** Gives a chart a context menu with "Export as PNG…", and the export itself. */
final class ChartExport {

    private ChartExport() {
    }

    /**
     * @param chart    the chart
     * @param dialogs  asks where to save
     * @param status   receives "saved …" or the error
     * @param fileName the suggested file name
     */
    static void install(ChartCanvas chart, FileDialogs dialogs, Consumer<String> status, String fileName) {
        MenuItem export = new MenuItem("Export as PNG…");
        export.setId("exportPng");
        export.setOnAction(e -> dialogs.saveFile("Export chart as PNG", fileName, "png")
                .ifPresent(path -> status.accept(write(chart, path))));
        ContextMenu menu = new ContextMenu(export);
        chart.setOnContextMenuRequested(e -> {
            menu.show(chart, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        // Some platforms (Monocle among them) send no context-menu request for a right click.
        chart.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.SECONDARY && !menu.isShowing()) {
                menu.show(chart, e.getScreenX(), e.getScreenY());
            }
        });
    }

    /** Writes the chart as shown; returns a line for the status bar. */
    static String write(ChartCanvas chart, Path path) {
        try {
            chart.redrawIfDirty();
            PngExport.write(chart, path);
            return "saved " + path;
        } catch (IOException | RuntimeException e) {
            return "cannot write " + path + ": " + e.getMessage();
        }
    }
}
