package io.quantstream.kline;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Base asset volume of COIN-M klines: {@code Σ contracts × contractSize / price}, in the base
 * asset (BTC for {@code BTCUSD_PERP}).
 *
 * <p>Source: Binance's COIN-M kline docs ({@code GET /dapi/v1/klines}): column 5 is
 * {@code Volume} (contracts), column 7 {@code Base asset volume}, column 10 {@code Taker buy
 * base asset volume}, printed with 8 decimals (their example: 206 contracts of 100 USD near
 * 9641 USD → {@code "2.13660389"}); the COIN-M trade endpoints give each trade's
 * {@code baseQty} the same way ({@code qty} 1 at {@code price} 9642.2 → {@code "0.01037108"} =
 * 100 / 9642.2 at 8 decimals). In our {@code Kline} these columns are {@code quoteVolume} and
 * {@code takerBuyQuoteVolume}, the names of the same columns on spot and USD-M.
 *
 * <p>Exact to the printed digit: each aggTrade adds {@code contracts / price} at
 * {@value #TERM_SCALE} decimals (half-even) to its bar (the contract size is one per symbol,
 * so it is applied once, when the bar is final); the final 1m bar is {@code sum × contractSize}
 * rounded half-up to {@value #SCALE} decimals. The terms' rounding stays below {@code 1e-18}
 * BTC per aggTrade at the contract sizes Binance uses, far under the printed
 * {@code 1e-8}; being fixed-scale sums, partial bars merge in any order to the same value.
 * Bigger intervals are the exact sums of their 1m bars ({@link KlineRollUp}), as on Binance.
 * Not documented, and not checked (no official COIN-M kline file is in {@code ../shared/data}):
 * whether Binance rounds the bar's sum, as here, or sums each raw trade's rounded
 * {@code baseQty}, which aggTrades (several raw trades at one price) cannot reproduce; the two
 * can differ in the 8th decimal.
 */
public final class CoinMarginedVolume {

    /** Decimals of each aggTrade's {@code contracts / price} term. */
    public static final int TERM_SCALE = 20;
    /** Decimals of the base asset volumes of a final 1m kline, as Binance prints them. */
    public static final int SCALE = 8;

    private CoinMarginedVolume() {}

    /** {@code contracts / price} (1 / quote currency) at {@value #TERM_SCALE} decimals. */
    static BigDecimal perUsd(BigDecimal contracts, BigDecimal price) {
        return contracts.divide(price, TERM_SCALE, RoundingMode.HALF_EVEN);
    }

    /**
     * Base asset volume of a final bar from the sum of its {@link #perUsd} terms, at
     * {@value #SCALE} decimals (half-up).
     */
    static BigDecimal baseVolume(BigDecimal perUsdSum, BigDecimal contractSize) {
        return perUsdSum.multiply(contractSize).setScale(SCALE, RoundingMode.HALF_UP);
    }
}
