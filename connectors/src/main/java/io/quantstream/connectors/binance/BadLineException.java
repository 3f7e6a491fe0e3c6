package io.quantstream.connectors.binance;

/**
 * A line that cannot be decoded: {@link #reason()} becomes the dead letter's reason. Thrown and
 * caught inside the parsers only; carries no stack trace, since bad lines are data, not bugs.
 */
final class BadLineException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;

    BadLineException(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    /** Short machine-readable reason, e.g. {@code malformed}, {@code bad-number}. */
    String reason() {
        return reason;
    }
}
