package io.quantstream.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one rounding rule of the ledger: amounts of money (cash, fees, funding, PnL, prices with
 * slippage) are exact while they need at most {@value #SCALE} decimals and are rounded half-even
 * to {@value #SCALE} beyond (the {@code DECIMAL(38,18)} of the {@code trading.*} tables). Only
 * products of three factors (fees, funding, PnL against an average entry price) and divisions
 * (average entry prices, drawdowns) ever need it.
 */
public final class Money {

    /** Decimals kept for computed money. */
    public static final int SCALE = 18;

    private Money() {}

    /** {@code amount}, rounded half-even to {@link #SCALE} decimals if it has more. */
    public static BigDecimal round(BigDecimal amount) {
        return amount.scale() > SCALE ? amount.setScale(SCALE, RoundingMode.HALF_EVEN) : amount;
    }
}
