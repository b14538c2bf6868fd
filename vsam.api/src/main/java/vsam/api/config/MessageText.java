package vsam.api.config;

/**
 * Keeps error messages readable when they quote what a user or a file supplied: a quoted value longer than
 * {@value #MAX_QUOTED} characters is cut there and its length said, so a 50 MB string read from a
 * {@code config.json} is not echoed whole to the terminal.
 */
public final class MessageText {

    /** The most characters of a quoted value a message shows. */
    public static final int MAX_QUOTED = 80;

    private MessageText() {
    }

    /** {@code value}, or its first {@link #MAX_QUOTED} characters and its length when it is longer. */
    public static String cut(String value) {
        if (value.length() <= MAX_QUOTED) {
            return value;
        }
        boolean quoted = value.startsWith("'") && value.endsWith("'");
        int length = quoted ? value.length() - 2 : value.length();
        return value.substring(0, MAX_QUOTED) + "…" + (quoted ? "'" : "") + " (" + length + " characters)";
    }

    /** {@code message} with each {@code '…'}-quoted part longer than {@link #MAX_QUOTED} characters cut. */
    public static String cutQuoted(String message) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < message.length()) {
            int open = message.indexOf('\'', at);
            if (open < 0) {
                out.append(message, at, message.length());
                break;
            }
            int close = message.indexOf('\'', open + 1);
            int end = close < 0 ? message.length() : close;
            out.append(message, at, open + 1);
            String inside = message.substring(open + 1, end);
            out.append(inside.length() <= MAX_QUOTED ? inside
                    : inside.substring(0, MAX_QUOTED) + "… (" + inside.length() + " characters)");
            if (close < 0) {
                break;
            }
            out.append('\'');
            at = close + 1;
        }
        return out.toString();
    }
}
