package vsam.cli;

/** The command line is wrong in a way no single option parser sees (options that do not go together, a method named twice): exit code 2. */
final class UsageException extends CliException {

    UsageException(String message) {
        super(message);
    }
}
