package io.quantstream.model;

import java.math.BigDecimal;

/**
 * Funding a strategy paid or received on one perpetual at one funding time:
 * {@code payment = − position × markPrice × rate}, so longs pay when the rate is positive.
 * Money at most 18 decimals (rounded half-even beyond). Stream record timestamp: {@link #time}.
 */
public class FundingPayment {
    /**
     * {@link #markPriceSource}: the open of the instrument's 1m mark-price kline of the funding
     * minute. Binance charges funding on the position's value at the mark price of the funding
     * time ("Funding Amount = Nominal Value of Positions × Funding Rate", nominal value = mark
     * price × size: Binance FAQ "Introduction to Binance Futures Funding Rates"; its REST
     * {@code GET /fapi/v1/fundingRate} returns that mark price with each funding time). The
     * funding times are whole hours (the archive's {@code calc_time} a few ms after), so the mark
     * price at the funding time is the first of that minute: the bar's open, which the funding
     * cannot precede.
     */
    public static final String MARK_PRICE_OPEN = "mark-price-open";
    /**
     * {@link #markPriceSource}: no mark-price kline of the funding minute, so the close of the
     * instrument's last 1m bar that closed at or before the funding time (an approximation of the
     * mark price: the last traded price instead of Binance's index-based mark).
     */
    public static final String LAST_CLOSE = "last-close";

    /** The strategy: the target positions' {@code reference}. */
    public String reference;
    public Market market;
    public String symbol;
    /** Funding time, epoch ms UTC ({@link FundingRate#calcTime}). */
    public long time;
    /** Signed position held at the funding time, base currency. */
    public BigDecimal position;
    /** Price the position is valued at, quote currency; where it comes from: {@link #markPriceSource}. */
    public BigDecimal markPrice;
    /** {@link #MARK_PRICE_OPEN} or {@link #LAST_CLOSE}. */
    public String markPriceSource;
    /** The funding rate, a fraction per funding interval. */
    public BigDecimal rate;
    /** Signed cash flow, quote currency: positive received, negative paid. */
    public BigDecimal payment;

    public FundingPayment() {}

    @Override
    public String toString() {
        return reference + " " + market + ":" + symbol + " funding @" + time + " " + position
                + " x " + markPrice + " (" + markPriceSource + ") x " + rate + " = " + payment;
    }
}
