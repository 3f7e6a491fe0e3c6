package io.quantstream.factor.expr;

/**
 * A mistake in one expression, at a 1-based column of its text (0 when it concerns the whole
 * expression, e.g. a cycle between factors).
 */
public class ExpressionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int column;

    ExpressionException(String message, int column) {
        super(message);
        this.column = column;
    }

    /** 1-based column in the expression text, 0 when none applies. */
    public int column() {
        return column;
    }
}
