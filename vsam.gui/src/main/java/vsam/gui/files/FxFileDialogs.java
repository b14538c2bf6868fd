package vsam.gui.files;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** {@link FileDialogs} with JavaFX's native choosers, remembering the last folder used. */
public final class FxFileDialogs implements FileDialogs {

    private final Supplier<Window> owner;
    private File lastFolder = new File(System.getProperty("user.dir"));

    /** @param owner the window the dialogs belong to */
    public FxFileDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> saveFile(String title, String initialName, String extension) {
        FileChooser chooser = fileChooser(title, extension);
        chooser.setInitialFileName(initialName);
        return remember(chooser.showSaveDialog(owner.get()), false);
    }

    @Override
    public Optional<Path> openFile(String title, String extension) {
        return remember(fileChooser(title, extension).showOpenDialog(owner.get()), false);
    }

    @Override
    public Optional<Path> chooseFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (lastFolder.isDirectory()) {
            chooser.setInitialDirectory(lastFolder);
        }
        return remember(chooser.showDialog(owner.get()), true);
    }

    private FileChooser fileChooser(String title, String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(extension.toUpperCase(java.util.Locale.ROOT) + " files", "*." + extension),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (lastFolder.isDirectory()) {
            chooser.setInitialDirectory(lastFolder);
        }
        return chooser;
    }

    private Optional<Path> remember(File chosen, boolean isFolder) {
        if (chosen == null) {
            return Optional.empty();
        }
        File folder = isFolder ? chosen : chosen.getParentFile();
        if (folder != null) {
            lastFolder = folder;
        }
        return Optional.of(chosen.toPath());
    }
}
