package vsam.gui;

import java.nio.file.Path;
import java.util.Optional;
import vsam.gui.files.FileDialogs;

/** File dialogs answered by the test: each returns the path last set for it (empty: the user cancelled). */
public final class ScriptedDialogs implements FileDialogs {

    public volatile Path save;
    public volatile Path open;
    public volatile Path folder;

    /** Dialogs that all answer "cancelled" until a path is set. */
    public ScriptedDialogs() {
        // paths are set by the tests
    }

    @Override
    public Optional<Path> saveFile(String title, String initialName, String extension) {
        return Optional.ofNullable(save);
    }

    @Override
    public Optional<Path> openFile(String title, String extension) {
        return Optional.ofNullable(open);
    }

    @Override
    public Optional<Path> chooseFolder(String title) {
        return Optional.ofNullable(folder);
    }
}
