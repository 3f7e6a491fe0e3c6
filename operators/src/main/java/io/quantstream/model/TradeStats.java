package io.quantstream.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * Statistics of a bar's trades beyond Binance's kline columns: buy and sell volumes, dollar
 * volumes and trade counts, and the trades by notional size in {@value #SIZE_BUCKETS} buckets
 * ({@code TradeSizes} holds the thresholds). The fields of the Binance long/short research seed's
 * {@code tran_stats} table ({@code buy_volume buy_dolvol buy_trade_count sell_…} and their
 * per-size variants) and of its bars ({@code vwap dolvol buydolvol selldolvol}).
 *
 * <p>Buy = the buyer was the taker ({@code buyerIsMaker} false), sell = the seller was. Dollar
 * volume = Σ price × quantity, quote currency (USDT for USD-M and USDT pairs). Counts of buys and
 * sells are raw trades (aggTrades: {@code lastTradeId − firstTradeId + 1}), so
 * {@code buyCount + sellCount = count}; a size bucket counts aggTrades (one taker order's fills at
 * one price), by their notional {@code price × quantity}. Every sum is exact ({@code BigDecimal},
 * DESIGN.md rule 6), so a bigger bar's statistics are the sums of its minutes' and do not depend
 * on how its trades were split. Only {@link #vwap} is rounded (a quotient).
 *
 * <p>A Flink POJO (kept in the kline operators' state inside their open bars).
 */
public class TradeStats {

    /** Number of trade-size buckets: below the first threshold, between, and at or above the last. */
    public static final int SIZE_BUCKETS = 4;
    /** Decimals of {@link #vwap}, those of the price columns (half-even). */
    public static final int VWAP_SCALE = 10;

    /** Σ quantity of taker buys, base currency. */
    public BigDecimal buyVolume = BigDecimal.ZERO;
    /** Σ quantity of taker sells, base currency. */
    public BigDecimal sellVolume = BigDecimal.ZERO;
    /** Σ price × quantity of taker buys, quote currency. */
    public BigDecimal buyDollarVolume = BigDecimal.ZERO;
    /** Σ price × quantity of taker sells, quote currency. */
    public BigDecimal sellDollarVolume = BigDecimal.ZERO;
    /** Raw trades of taker buys. */
    public long buyCount;
    /** Raw trades of taker sells. */
    public long sellCount;
    /** aggTrades per notional bucket, bucket 1 first. */
    public long[] sizeCounts = new long[SIZE_BUCKETS];
    /** Σ quantity (base currency) of the aggTrades per notional bucket, bucket 1 first. */
    public BigDecimal[] sizeVolumes = zeros();

    public TradeStats() {}

    /** Σ price × quantity of every trade, quote currency. */
    public BigDecimal dollarVolume() {
        return buyDollarVolume.add(sellDollarVolume);
    }

    /** Σ quantity of every trade, base currency. */
    public BigDecimal volume() {
        return buyVolume.add(sellVolume);
    }

    /**
     * Volume-weighted average price {@code dollarVolume / volume}, quote currency, at
     * {@value #VWAP_SCALE} decimals (half-even); null for a bar without volume (undefined,
     * DESIGN.md).
     */
    public BigDecimal vwap() {
        BigDecimal volume = volume();
        return volume.signum() == 0 ? null
                : dollarVolume().divide(volume, VWAP_SCALE, RoundingMode.HALF_EVEN);
    }

    /** Adds one aggTrade of notional {@code price × quantity} in size bucket {@code bucket} (0-based). */
    public void add(BigDecimal quantity, BigDecimal notional, long trades, boolean buy, int bucket) {
        if (buy) {
            buyVolume = buyVolume.add(quantity);
            buyDollarVolume = buyDollarVolume.add(notional);
            buyCount += trades;
        } else {
            sellVolume = sellVolume.add(quantity);
            sellDollarVolume = sellDollarVolume.add(notional);
            sellCount += trades;
        }
        sizeCounts[bucket]++;
        sizeVolumes[bucket] = sizeVolumes[bucket].add(quantity);
    }

    /** Adds the statistics of other trades (another part of the bar, or a smaller bar). */
    public void add(TradeStats other) {
        buyVolume = buyVolume.add(other.buyVolume);
        sellVolume = sellVolume.add(other.sellVolume);
        buyDollarVolume = buyDollarVolume.add(other.buyDollarVolume);
        sellDollarVolume = sellDollarVolume.add(other.sellDollarVolume);
        buyCount += other.buyCount;
        sellCount += other.sellCount;
        for (int i = 0; i < SIZE_BUCKETS; i++) {
            sizeCounts[i] += other.sizeCounts[i];
            sizeVolumes[i] = sizeVolumes[i].add(other.sizeVolumes[i]);
        }
    }

    /** A copy that shares no array with this one. */
    public TradeStats copy() {
        TradeStats c = new TradeStats();
        c.add(this);
        return c;
    }

    private static BigDecimal[] zeros() {
        BigDecimal[] z = new BigDecimal[SIZE_BUCKETS];
        Arrays.fill(z, BigDecimal.ZERO);
        return z;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TradeStats)) {
            return false;
        }
        TradeStats s = (TradeStats) o;
        if (buyCount != s.buyCount || sellCount != s.sellCount
                || !Arrays.equals(sizeCounts, s.sizeCounts)
                || buyVolume.compareTo(s.buyVolume) != 0 || sellVolume.compareTo(s.sellVolume) != 0
                || buyDollarVolume.compareTo(s.buyDollarVolume) != 0
                || sellDollarVolume.compareTo(s.sellDollarVolume) != 0) {
            return false;
        }
        for (int i = 0; i < SIZE_BUCKETS; i++) {
            if (sizeVolumes[i].compareTo(s.sizeVolumes[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(buyCount) * 31 + Long.hashCode(sellCount);
    }

    @Override
    public String toString() {
        return "buy " + buyVolume + "/" + buyDollarVolume + "/" + buyCount + " sell " + sellVolume
                + "/" + sellDollarVolume + "/" + sellCount + " sizes " + Arrays.toString(sizeCounts)
                + " " + Arrays.toString(sizeVolumes);
    }
}
