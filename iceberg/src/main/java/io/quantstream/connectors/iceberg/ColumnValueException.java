package io.quantstream.connectors.iceberg;

/**
 * A value a table's column cannot hold: more decimals or integer digits than its decimal type
 * keeps ({@link #DOES_NOT_FIT}), or null in a required column ({@link #MISSING_VALUE}). Never
 * rounded, never dropped: the loader fails the file, the Flink sinks make the record a dead
 * letter with {@link #reason()}.
 */
public final class ColumnValueException extends IllegalArgumentException {

    /** {@link #reason()}: a decimal with more decimals or integer digits than its column keeps. */
    public static final String DOES_NOT_FIT = "does-not-fit";
    /** {@link #reason()}: null in a required column. */
    public static final String MISSING_VALUE = "missing-value";

    private static final long serialVersionUID = 1L;

    private final String reason;

    ColumnValueException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** {@link #DOES_NOT_FIT} or {@link #MISSING_VALUE}. */
    public String reason() {
        return reason;
    }
}
