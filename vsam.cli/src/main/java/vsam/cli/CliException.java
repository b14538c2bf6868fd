package vsam.cli;

/** A problem the command reports as one line and a non-zero exit code. */
class CliException extends RuntimeException {

    CliException(String message) {
        super(message);
    }
}
