package vsam.gui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import vsam.api.Backends;
import vsam.gui.files.FxFileDialogs;
import vsam.gui.run.RunLauncher;

/**
 * The desktop app ({@code ./vsam gui}): one window holding a {@link MainView}, with the backends found
 * on the module path at run time.
 */
public final class VsamApp extends Application {

    private MainView view;

    /** Called by the JavaFX launcher. */
    public VsamApp() {
        // the window is built in start()
    }

    @Override
    public void start(Stage stage) {
        view = new MainView(Backends::discover, RunLauncher.standard(0), new FxFileDialogs(() -> stage));
        Scene scene = new Scene(view, 1440, 900);
        stage.setTitle("vSAM — sharpness-aware training");
        stage.setScene(scene);
        stage.show();
    }

    @Override
    public void stop() {
        if (view != null) {
            view.close();
        }
    }

    /** Starts the app. */
    public static void main(String[] args) {
        launch(VsamApp.class, args);
    }
}
