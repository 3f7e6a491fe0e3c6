package io.quantstream.execution;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An instrument's order limits, as Binance's exchange info filters state them (LOT_SIZE
 * {@code stepSize}, MIN_NOTIONAL {@code notional}); either may be absent.
 *
 * <pre>{@code
 * new LotRule(new BigDecimal("0.001"), new BigDecimal("100"));   // BTCUSDT-like
 * new LotRule(null, new BigDecimal("5"));                        // minimum notional only
 * }</pre>
 *
 * @param stepSize order quantities are multiples of it (rounded toward zero); null: 8 decimals
 * @param minNotional orders with {@code |quantity| × price} below it are skipped, quote currency;
 *     null: no minimum
 */
public record LotRule(BigDecimal stepSize, BigDecimal minNotional) implements Serializable {

    /** No step size (8 decimals) and no minimum notional. */
    public static final LotRule NONE = new LotRule(null, null);

    /** @throws IllegalArgumentException on a step size or minimum that is not positive */
    public LotRule {
        if ((stepSize != null && stepSize.signum() <= 0)
                || (minNotional != null && minNotional.signum() <= 0)) {
            throw new IllegalArgumentException("step size and minimum notional must be positive: "
                    + stepSize + ", " + minNotional);
        }
    }

    /** {@code quantity} rounded toward zero to a multiple of the step size (or to 8 decimals). */
    public BigDecimal round(BigDecimal quantity) {
        if (stepSize == null) {
            return quantity.setScale(ExecutionSpec.QUANTITY_SCALE, RoundingMode.DOWN);
        }
        return quantity.divide(stepSize, 0, RoundingMode.DOWN).multiply(stepSize);
    }

    /** Whether an order of this notional (quote currency, ≥ 0) is below the minimum. */
    public boolean belowMinimum(BigDecimal notional) {
        return minNotional != null && notional.compareTo(minNotional) < 0;
    }
}
