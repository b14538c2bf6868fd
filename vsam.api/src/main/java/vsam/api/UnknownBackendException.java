package vsam.api;

/**
 * The backend id or device name asked for is not one this process knows — a mistake in the request,
 * unlike a known device that cannot be used on this machine (a plain {@link BackendException}).
 */
public class UnknownBackendException extends BackendException {

    public UnknownBackendException(String message) {
        super(message);
    }
}
