package vsam.algorithm.run;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Says in words what an I/O failure was, where {@link IOException#getMessage()} gives only a path. */
final class IoProblem {

    private IoProblem() {
    }

    /** {@code "<path>: <what went wrong>"}, or the exception's message when it says more than a path. */
    static String describe(IOException e) {
        String what;
        if (e instanceof FileAlreadyExistsException) {
            what = "a file is in the way";
        } else if (e instanceof AccessDeniedException) {
            what = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            what = "no such file or folder";
        } else if (e instanceof NotDirectoryException) {
            what = "not a folder";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            what = f.getReason();
        } else {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        String file = e instanceof FileSystemException f ? f.getFile() : null;
        return file == null ? what : file + ": " + what;
    }
}
