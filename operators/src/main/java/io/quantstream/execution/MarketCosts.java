package io.quantstream.execution;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * What a market order costs on one market: slippage against the order's side and the taker fee,
 * both in basis points (1 bp = 0.01 %).
 *
 * <pre>{@code
 * MarketCosts usdm = MarketCosts.BINANCE_USDM;                       // 2 bps slippage, 5 bps fee
 * MarketCosts tight = new MarketCosts(new BigDecimal("1"), new BigDecimal("4.5"));
 * usdm.fillPrice(new BigDecimal("100"), true);                       // 100.02
 * }</pre>
 *
 * @param slippageBps how far the fill price is from the bar's open, against the order, bps, ≥ 0
 * @param takerFeeBps fee on the filled notional, bps, ≥ 0
 */
public record MarketCosts(BigDecimal slippageBps, BigDecimal takerFeeBps) implements Serializable {

    private static final BigDecimal BPS = new BigDecimal("10000");

    /**
     * Binance USDⓈ-M futures at the Regular (non-VIP) tier: taker fee 0.0500 % = 5 bps (maker
     * 0.0200 %), from Binance's fee schedule https://www.binance.com/en/fee/futureFee. Slippage 2
     * bps is this project's assumption for market orders of a small account on liquid perpetuals,
     * not a Binance figure.
     */
    public static final MarketCosts BINANCE_USDM =
            new MarketCosts(new BigDecimal("2"), new BigDecimal("5"));

    /**
     * Binance spot at the Regular tier: taker fee 0.1000 % = 10 bps, from
     * https://www.binance.com/en/fee/schedule (without the BNB discount); slippage 2 bps assumed as
     * for {@link #BINANCE_USDM}.
     */
    public static final MarketCosts BINANCE_SPOT =
            new MarketCosts(new BigDecimal("2"), new BigDecimal("10"));

    /** @throws IllegalArgumentException on a null or negative figure */
    public MarketCosts {
        if (slippageBps == null || slippageBps.signum() < 0 || takerFeeBps == null
                || takerFeeBps.signum() < 0) {
            throw new IllegalArgumentException("slippage and fee must be ≥ 0 bps: " + slippageBps
                    + ", " + takerFeeBps);
        }
    }

    /** {@code open × (1 ± slippage)}: up for a buy, down for a sell; exact. */
    public BigDecimal fillPrice(BigDecimal open, boolean buy) {
        BigDecimal slippage = slippageBps.divide(BPS);
        return open.multiply(
                buy ? BigDecimal.ONE.add(slippage) : BigDecimal.ONE.subtract(slippage));
    }

    /** {@code |quantity| × price × fee rate}, quote currency, exact. */
    public BigDecimal fee(BigDecimal quantity, BigDecimal price) {
        return quantity.abs().multiply(price).multiply(takerFeeBps.divide(BPS));
    }
}
