package io.quantstream.model;

import java.math.BigDecimal;

/**
 * A strategy's ledger at the close of one bar of its interval: one row per instrument it has
 * traded ({@link #market} and {@link #symbol} set) and one total row ({@code market} and
 * {@code symbol} null) with cash, equity and drawdown. PnL, fees and funding are cumulative from
 * the start. Quote currency; money at most 18 decimals (rounded half-even beyond). Stream record
 * timestamp: {@link #time}.
 *
 * <p>Identities: {@code equity = cash + Σ position × close}; up to the rounding of average entry
 * prices, {@code equity = initial equity + realizedPnl + unrealizedPnl − fees + funding}.
 */
public class LedgerEntry {
    /** The strategy: the target positions' {@code reference}. */
    public String reference;
    /** Null on the total row. */
    public Market market;
    /** Null on the total row. */
    public String symbol;
    /** Close time of the bar, epoch ms UTC. */
    public long time;
    /** Signed position, base currency; null on the total row. */
    public BigDecimal position;
    /** Average entry price of the open position; null when flat and on the total row. */
    public BigDecimal averageEntryPrice;
    /** The instrument's latest 1m close at {@link #time}; null on the total row. */
    public BigDecimal close;
    /** Trading PnL realized by fills against the average entry price. */
    public BigDecimal realizedPnl;
    /** Holding PnL of the open position: {@code position × (close − averageEntryPrice)}. */
    public BigDecimal unrealizedPnl;
    /** Taker fees paid (positive). */
    public BigDecimal fees;
    /** Funding received (positive) or paid (negative). */
    public BigDecimal funding;
    /** Initial equity − Σ fill quantity × price − fees + funding; null on instrument rows. */
    public BigDecimal cash;
    /** {@code cash + Σ position × close}; null on instrument rows. */
    public BigDecimal equity;
    /** {@code Σ |position| × close}. */
    public BigDecimal grossExposure;
    /** {@code Σ position × close}. */
    public BigDecimal netExposure;
    /**
     * Fraction below the highest equity so far (initial equity included), {@code (peak − equity)
     * / peak}, 0 at a new high; null on instrument rows.
     */
    public BigDecimal drawdown;

    public LedgerEntry() {}

    /** Whether this is the strategy's total row (no instrument). */
    public boolean isTotal() {
        return symbol == null;
    }

    @Override
    public String toString() {
        return reference + " " + (isTotal() ? "total" : market + ":" + symbol) + " @" + time
                + (isTotal() ? " cash " + cash + " equity " + equity + " dd " + drawdown
                        : " pos " + position + " avg " + averageEntryPrice + " close " + close)
                + " realized " + realizedPnl + " unrealized " + unrealizedPnl + " fees " + fees
                + " funding " + funding;
    }
}
