package vsam.api.config;

/**
 * A configuration value is out of range or of the wrong kind. The message names the field, the bad
 * value and what is allowed, on one line, e.g.
 * {@code invalid method.vsam.window: 0 (allowed: an integer >= 2)}.
 */
public class ConfigException extends IllegalArgumentException {

    private final String field;

    public ConfigException(String field, Object value, String allowed) {
        super("invalid " + field + ": " + value + " (allowed: " + allowed + ")");
        this.field = field;
    }

    /** A problem that is not a single out-of-range value (malformed JSON, say); the message is used as is. */
    public ConfigException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The dotted path of the offending field, e.g. {@code optimizer.learningRate}. */
    public String field() {
        return field;
    }
}
