package vsam.api;

/** A backend could not do what was asked (device unavailable, native library missing, shapes mismatched). */
public class BackendException extends RuntimeException {

    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
