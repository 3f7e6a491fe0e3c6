package io.quantstream.testing;

import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Official Binance klines from {@code ../shared/data}, read straight from the archive CSVs: the
 * 2026-02 USD-M 1m files, or any kline CSV line.
 */
public final class RealKlines {

    private RealKlines() {}

    /** Every 1m bar of {@code symbol} in February 2026, in time order. */
    public static List<Kline> february2026(String symbol) throws IOException {
        Path file = SharedData.require("binance/vision/futures/um/monthly/klines/" + symbol + "/1m/"
                + symbol + "-1m-2026-02.csv.gz");
        List<Kline> bars = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("open_time")) {
                    continue;
                }
                bars.add(parse(line, Market.USDM, symbol, Interval.ONE_MINUTE.label()));
            }
        }
        return bars;
    }

    /** One line of a Binance kline CSV (no header) as a kline of {@code market:symbol}. */
    public static Kline parse(String line, Market market, String symbol, String interval) {
        String[] f = line.split(",");
        Kline k = new Kline();
        k.market = market;
        k.symbol = symbol;
        k.interval = interval;
        k.openTime = Long.parseLong(f[0]);
        k.open = new BigDecimal(f[1]);
        k.high = new BigDecimal(f[2]);
        k.low = new BigDecimal(f[3]);
        k.close = new BigDecimal(f[4]);
        k.volume = new BigDecimal(f[5]);
        k.closeTime = Long.parseLong(f[6]);
        k.quoteVolume = new BigDecimal(f[7]);
        k.count = Long.parseLong(f[8]);
        k.takerBuyVolume = new BigDecimal(f[9]);
        k.takerBuyQuoteVolume = new BigDecimal(f[10]);
        return k;
    }
}
