package vsam.gui.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Default run folder names, as the command line makes them: {@code <root>/<date-time>-<method>}, never one that exists. */
public final class RunFolders {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunFolders() {
    }

    /** A folder under {@code root} named after the current time and {@code name}, with {@code -2}, {@code -3}… if taken. */
    public static Path fresh(Path root, String name) {
        Path base = root.resolve(LocalDateTime.now().format(STAMP) + "-" + name);
        Path p = base;
        for (int i = 2; Files.exists(p); i++) {
            p = base.resolveSibling(base.getFileName() + "-" + i);
        }
        return p;
    }
}
