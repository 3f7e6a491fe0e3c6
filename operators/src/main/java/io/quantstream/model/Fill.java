package io.quantstream.model;

import java.math.BigDecimal;

/**
 * One simulated order of a strategy and what came of it: filled as ordered ({@link #REBALANCE}),
 * filled smaller because the fill prices would have pushed gross exposure above the strategy's
 * limit ({@link #CUT}), or not filled ({@link #SKIPPED}: below the instrument's minimum notional
 * or rounding to zero at its step size; {@link #quantity} 0). Stream record timestamp:
 * {@link #time}. Scales: quantities 8 decimals (or the step size), money at most 18 decimals
 * (rounded half-even beyond).
 */
public class Fill {
    /** {@link #reason}: filled as the target asked (after rounding to the step size). */
    public static final String REBALANCE = "rebalance";
    /** {@link #reason}: an order that increases exposure, reduced by the gross-leverage cap. */
    public static final String CUT = "cut";
    /** {@link #reason}: not filled; {@link #detail} says why. */
    public static final String SKIPPED = "skipped";

    /** The strategy: the target positions' {@code reference}. */
    public String reference;
    public Market market;
    public String symbol;
    /** Time of the target position that asked for the order (its bar's close), epoch ms UTC. */
    public long signalTime;
    /** Fill time: the open time of the 1m bar whose open price filled it, epoch ms UTC. */
    public long time;
    /** Signed quantity the target asked for: target − position before the fill. */
    public BigDecimal orderQuantity;
    /** Signed quantity filled, base currency (positive: bought); 0 when skipped. */
    public BigDecimal quantity;
    /** Fill price, quote currency: the bar's open × (1 ± slippage), against the order's side. */
    public BigDecimal price;
    /** Signed {@code quantity × price}, quote currency. */
    public BigDecimal notional;
    /** Taker fee, quote currency: {@code |quantity| × price × fee rate}. */
    public BigDecimal fee;
    /** Trading PnL this fill realized against the average entry price, quote currency. */
    public BigDecimal realizedPnl;
    /** {@link #REBALANCE}, {@link #CUT} or {@link #SKIPPED}. */
    public String reason;
    /** Null for a plain rebalance; the cut factor or the reason a fill was skipped. */
    public String detail;

    public Fill() {}

    @Override
    public String toString() {
        return reference + " " + market + ":" + symbol + " @" + time + " (signal " + signalTime
                + ") " + quantity + "/" + orderQuantity + " x " + price + " fee " + fee + " pnl "
                + realizedPnl + " " + reason + (detail == null ? "" : " (" + detail + ")");
    }
}
