package io.quantstream.connectors.file;

import io.quantstream.model.Kline;
import io.quantstream.model.TradeStats;

/**
 * Binance's kline CSV layout ({@code data.binance.vision}): the header and one row per kline,
 * prices and volumes as plain decimals (never exponent notation), times in epoch ms UTC, the
 * unused last column {@code ignore} as {@code 0}; then the {@link #TRADE_STATS_COLUMNS} of the
 * kline's {@link TradeStats}, all empty for a kline without them (read from kline files, COIN-M),
 * {@code vwap} alone empty on a bar without volume.
 */
public final class KlineCsv {

    /** Header row of Binance kline files: its twelve columns, in its order. */
    public static final String BINANCE_HEADER =
            "open_time,open,high,low,close,volume,close_time,quote_volume,count,"
                    + "taker_buy_volume,taker_buy_quote_volume,ignore";

    /**
     * The columns after Binance's twelve ({@link TradeStats}): {@code vwap} (quote per base, 10
     * decimals), {@code dollar_volume} and the buy/sell dollar volumes (quote currency), buy/sell
     * volumes (base), buy/sell counts (raw trades), and per size bucket i = 1…4 the count of its
     * aggTrades and their volume (base).
     */
    public static final String TRADE_STATS_COLUMNS =
            "vwap,dollar_volume,buy_volume,sell_volume,buy_dollar_volume,sell_dollar_volume,"
                    + "buy_count,sell_count,size1_count,size1_volume,size2_count,size2_volume,"
                    + "size3_count,size3_volume,size4_count,size4_volume";

    /** Number of {@link #TRADE_STATS_COLUMNS}. */
    public static final int TRADE_STATS_COLUMN_COUNT = TRADE_STATS_COLUMNS.split(",").length;

    /** Header row of the kline files quantstream writes. */
    public static final String HEADER = BINANCE_HEADER + "," + TRADE_STATS_COLUMNS;

    private KlineCsv() {}

    /** File name for a symbol and interval: {@code <SYMBOL>-<interval>.csv}. */
    public static String fileName(Kline kline) {
        return kline.symbol + "-" + kline.interval + ".csv";
    }

    /**
     * The kline's file in a folder of several markets: {@code <market>/<SYMBOL>-<interval>.csv},
     * the market folder in lower case ({@code spot}, {@code usdm}, {@code coinm}).
     */
    public static String marketPath(Kline kline) {
        return kline.market.label() + "/" + kline.symbol + "-" + kline.interval + ".csv";
    }

    /** The kline as one CSV row of {@link #HEADER}, without line terminator. */
    public static String row(Kline k) {
        StringBuilder row = new StringBuilder(260).append(binanceRow(k));
        TradeStats s = k.tradeStats;
        if (s == null) {
            row.append(",".repeat(TRADE_STATS_COLUMN_COUNT));
            return row.toString();
        }
        row.append(',').append(s.vwap() == null ? "" : s.vwap().toPlainString())
                .append(',').append(s.dollarVolume().toPlainString())
                .append(',').append(s.buyVolume.toPlainString())
                .append(',').append(s.sellVolume.toPlainString())
                .append(',').append(s.buyDollarVolume.toPlainString())
                .append(',').append(s.sellDollarVolume.toPlainString())
                .append(',').append(s.buyCount)
                .append(',').append(s.sellCount);
        for (int i = 0; i < TradeStats.SIZE_BUCKETS; i++) {
            row.append(',').append(s.sizeCounts[i])
                    .append(',').append(s.sizeVolumes[i].toPlainString());
        }
        return row.toString();
    }

    /** The kline as one CSV row of {@link #BINANCE_HEADER} (Binance's file format). */
    public static String binanceRow(Kline k) {
        return new StringBuilder(160)
                .append(k.openTime).append(',')
                .append(k.open.toPlainString()).append(',')
                .append(k.high.toPlainString()).append(',')
                .append(k.low.toPlainString()).append(',')
                .append(k.close.toPlainString()).append(',')
                .append(k.volume.toPlainString()).append(',')
                .append(k.closeTime).append(',')
                .append(k.quoteVolume.toPlainString()).append(',')
                .append(k.count).append(',')
                .append(k.takerBuyVolume.toPlainString()).append(',')
                .append(k.takerBuyQuoteVolume.toPlainString()).append(",0")
                .toString();
    }
}
