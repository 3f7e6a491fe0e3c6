package io.quantstream.connectors.file;

import io.quantstream.model.Kline;

/**
 * Binance's kline CSV layout ({@code data.binance.vision}): the header and one row per kline,
 * prices and volumes as plain decimals (never exponent notation), times in epoch ms UTC, the
 * unused last column {@code ignore} as {@code 0}.
 */
public final class KlineCsv {

    /** Header row of Binance kline files. */
    public static final String HEADER =
            "open_time,open,high,low,close,volume,close_time,quote_volume,count,"
                    + "taker_buy_volume,taker_buy_quote_volume,ignore";

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

    /** The kline as one CSV row, without line terminator. */
    public static String row(Kline k) {
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
