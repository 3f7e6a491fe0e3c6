package io.quantstream.model;

import java.math.BigDecimal;

/**
 * Funding a strategy paid or received on one perpetual at one funding time:
 * {@code payment = − position × markPrice × rate}, so longs pay when the rate is positive.
 * Money at most 18 decimals (rounded half-even beyond). Stream record timestamp: {@link #time}.
 */
public class FundingPayment {
    /** The strategy: the target positions' {@code reference}. */
    public String reference;
    public Market market;
    public String symbol;
    /** Funding time, epoch ms UTC ({@link FundingRate#calcTime}). */
    public long time;
    /** Signed position held at the funding time, base currency. */
    public BigDecimal position;
    /**
     * Price the position is valued at, quote currency: the close of the instrument's last 1m bar
     * that closed at or before the funding time (an approximation of Binance's mark price).
     */
    public BigDecimal markPrice;
    /** The funding rate, a fraction per funding interval. */
    public BigDecimal rate;
    /** Signed cash flow, quote currency: positive received, negative paid. */
    public BigDecimal payment;

    public FundingPayment() {}

    @Override
    public String toString() {
        return reference + " " + market + ":" + symbol + " funding @" + time + " " + position
                + " x " + markPrice + " x " + rate + " = " + payment;
    }
}
