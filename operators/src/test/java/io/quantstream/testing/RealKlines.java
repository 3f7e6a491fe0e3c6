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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * Official Binance klines from {@code ../shared/data}, read straight from the archive CSVs: the
 * 2026-02 USD-M 1m files, or any kline CSV line.
 */
public final class RealKlines {

    /** Files read so far, by symbol: several test classes compare factors on all seven. */
    private static final Map<String, List<Kline>> READ = new ConcurrentHashMap<>();

    private RealKlines() {}

    /**
     * Every 1m bar of {@code symbol} in February 2026, in time order; read once per test JVM
     * (unmodifiable, the klines shared: callers must not change them).
     */
    public static List<Kline> february2026(String symbol) throws IOException {
        List<Kline> read = READ.get(symbol);
        if (read == null) {
            read = Collections.unmodifiableList(read(symbol));
            READ.put(symbol, read);
        }
        return read;
    }

    private static List<Kline> read(String symbol) throws IOException {
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

    /**
     * Bars of {@code minutes} minutes from consecutive 1m bars (their number a multiple of
     * {@code minutes}), written out here rather than by the kline stage under test: first open,
     * highest high, lowest low, last close, sums of volumes and counts.
     */
    public static List<Kline> rollUp(List<Kline> oneMinute, int minutes) {
        List<Kline> bars = new ArrayList<>();
        for (int i = 0; i < oneMinute.size(); i += minutes) {
            List<Kline> part = oneMinute.subList(i, i + minutes);
            Kline first = part.get(0);
            Kline bar = new Kline();
            bar.market = first.market;
            bar.symbol = first.symbol;
            bar.interval = minutes + "m";
            bar.openTime = first.openTime;
            bar.closeTime = part.get(part.size() - 1).closeTime;
            bar.open = first.open;
            bar.close = part.get(part.size() - 1).close;
            bar.high = first.high;
            bar.low = first.low;
            bar.volume = first.volume;
            bar.quoteVolume = first.quoteVolume;
            bar.takerBuyVolume = first.takerBuyVolume;
            bar.takerBuyQuoteVolume = first.takerBuyQuoteVolume;
            bar.count = first.count;
            for (Kline m : part.subList(1, part.size())) {
                bar.high = bar.high.max(m.high);
                bar.low = bar.low.min(m.low);
                bar.volume = bar.volume.add(m.volume);
                bar.quoteVolume = bar.quoteVolume.add(m.quoteVolume);
                bar.takerBuyVolume = bar.takerBuyVolume.add(m.takerBuyVolume);
                bar.takerBuyQuoteVolume = bar.takerBuyQuoteVolume.add(m.takerBuyQuoteVolume);
                bar.count += m.count;
            }
            bars.add(bar);
        }
        return bars;
    }
}
