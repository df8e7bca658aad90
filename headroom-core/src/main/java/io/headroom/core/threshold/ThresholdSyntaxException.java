package io.headroom.core.threshold;

/**
 * A threshold selector or expression that cannot be parsed or does not fit its metric. The message is meant
 * for users: it quotes the input, names the problem and the 0-based character {@link #offset()} where it
 * was found. Unchecked, so a plan loader can catch it, collect it with the file position and carry on.
 */
public final class ThresholdSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String input;
    private final int offset;
    private final String reason;

    public ThresholdSyntaxException(String kind, String input, int offset, String reason) {
        super("invalid threshold " + kind + " \"" + input + "\" at offset " + offset + ": " + reason);
        this.input = input;
        this.offset = offset;
        this.reason = reason;
    }

    /** The text that failed to parse. */
    public String input() {
        return input;
    }

    /** The 0-based character offset in {@link #input()} where the problem was found. */
    public int offset() {
        return offset;
    }

    /** The problem alone, without the input and offset. */
    public String reason() {
        return reason;
    }
}
