package io.quantstream.factor.spi;

import io.quantstream.factor.expr.BarField;

/**
 * The fields of the bar an {@link IncrementalFactor} takes, as doubles ({@link BarField}: prices
 * in quote currency, volumes in base currency, {@code NaN} for a missing value). Valid only
 * during {@link IncrementalFactor#update}; only the fields the factor declares
 * ({@link IncrementalFactor#fields()}) can be read.
 */
public interface Bar {

    /**
     * The field's value at this bar, as {@code $field} reads it in an expression.
     *
     * @throws IllegalStateException for a field the factor does not declare
     */
    double get(BarField field);

    default double open() {
        return get(BarField.OPEN);
    }

    default double high() {
        return get(BarField.HIGH);
    }

    default double low() {
        return get(BarField.LOW);
    }

    default double close() {
        return get(BarField.CLOSE);
    }

    /** Base currency (COIN-M: contracts). */
    default double volume() {
        return get(BarField.VOLUME);
    }
}
