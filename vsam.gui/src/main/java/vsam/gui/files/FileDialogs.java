package vsam.gui.files;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The file and folder choosers the app asks for, behind an interface so tests can answer them without
 * a native dialog. Every method is called on the JavaFX thread and returns empty when the user cancels.
 */
public interface FileDialogs {

    /**
     * Where to save a file.
     *
     * @param title       dialog title
     * @param initialName suggested file name, e.g. {@code runs.csv}
     * @param extension   the file type's extension without the dot, e.g. {@code csv}
     */
    Optional<Path> saveFile(String title, String initialName, String extension);

    /** A file to open, of type {@code extension}. */
    Optional<Path> openFile(String title, String extension);

    /** A folder to open or use. */
    Optional<Path> chooseFolder(String title);
}
