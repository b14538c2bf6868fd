/**
 * The vSAM desktop app (JavaFX): configure a run with the same validation as the command line, run a
 * queue of runs on one worker thread, watch live charts of the training telemetry, and compare runs
 * of this session with run folders opened from disk.
 *
 * <p>Backends are never required here: they are found at run time with {@link java.util.ServiceLoader}
 * on whatever module path the launcher built. The chart models ({@code vsam.gui.chart}) are plain Java,
 * fed from the training thread; the JavaFX side redraws them at most five times a second.
 */
module vsam.gui {
    requires transitive vsam.algorithm;
    requires transitive vsam.data;
    requires transitive javafx.controls;
    requires javafx.swing;
    requires java.desktop;

    uses vsam.api.TensorBackend;

    exports vsam.gui;
    exports vsam.gui.chart;
    exports vsam.gui.plot;
    exports vsam.gui.form;
    exports vsam.gui.run;
    exports vsam.gui.compare;
    exports vsam.gui.files;
}
