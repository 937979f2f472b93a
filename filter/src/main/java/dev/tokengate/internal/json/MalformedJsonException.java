package dev.tokengate.internal.json;

/**
 * A text that is not JSON by {@link StrictJson}'s rules. One shared instance without a stack trace or message: the
 * reason is never shown to anybody (a client learns only that its token is malformed), and a flood of bad input costs
 * no allocation here.
 */
public final class MalformedJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    static final MalformedJsonException INSTANCE = new MalformedJsonException();

    private MalformedJsonException() {
        super("malformed JSON", null, false, false);
    }
}
