package vsam.api.config;

/**
 * A configuration value is out of range or of the wrong kind. The message names the field, the bad
 * value and what is allowed, on one line, e.g.
 * {@code invalid method.vsam.window: 0 (allowed: an integer >= 2)}. A value longer than
 * {@value MessageText#MAX_QUOTED} characters (a quoted one, or the value itself) is cut there, with its length said,
 * so a huge string read from a file does not flood the terminal.
 */
public class ConfigException extends IllegalArgumentException {

    private final String field;

    public ConfigException(String field, Object value, String allowed) {
        super(oneLine("invalid " + field + ": " + MessageText.cut(String.valueOf(value)) + " (allowed: " + allowed + ")"));
        this.field = field;
    }

    /**
     * A problem that is not a single out-of-range value (malformed JSON, say); the message is used as is,
     * but for control characters (a field name read from a file may hold one), which are escaped.
     */
    public ConfigException(String field, String message) {
        super(oneLine(MessageText.cutQuoted(message)));
        this.field = field;
    }

    /** {@code text} with every control character written as a Java escape, so the message stays one line. */
    private static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** The dotted path of the offending field, e.g. {@code optimizer.learningRate}. */
    public String field() {
        return field;
    }
}
