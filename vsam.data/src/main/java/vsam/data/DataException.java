package vsam.data;

/**
 * The one exception type for problems with data: a file that is missing, unreadable, of the wrong
 * format, truncated or inconsistent, a data set that cannot be found, or a preparation request the
 * data cannot satisfy. Its message is a single line that names the file (or data set) first, then the
 * problem, e.g. {@code "t10k-labels-idx1-ubyte.gz: wrong magic number 0x00000803, expected 0x00000801
 * (an IDX label file)"}, so a front end can show it to a user as it is.
 */
public final class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A problem described by {@code message} (line breaks are turned into spaces). */
    public DataException(String message) {
        super(oneLine(message));
    }

    /** A problem described by {@code message}, caused by {@code cause} (an I/O error, usually). */
    public DataException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** {@code "<what>: <problem>"}, the form every reader uses. */
    public static DataException about(String what, String problem) {
        return new DataException(what + ": " + problem);
    }

    /** {@code "<what>: <problem>"} with its cause. */
    public static DataException about(String what, String problem, Throwable cause) {
        return new DataException(what + ": " + problem, cause);
    }

    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
