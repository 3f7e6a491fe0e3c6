package io.quantstream.jobs;

import io.quantstream.connectors.binance.BinanceLineParser;
import io.quantstream.connectors.binance.DecodeResult;
import io.quantstream.connectors.binance.RawLine;
import io.quantstream.connectors.binance.RecordFormat;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Klines of a kline CSV a job wrote, decoded as the file source decodes them; archive 1m kline
 * files written for a test.
 */
public final class KlineCsvFiles {

    private static final long MINUTE = 60_000L;

    private KlineCsvFiles() {}

    /**
     * Writes the USD-M archive day file of {@code symbol}'s 1m klines under {@code data}
     * ({@code futures/um/daily/klines/SYMBOL/1m/SYMBOL-1m-DATE.csv}): {@code hours} hours from
     * {@code day} (epoch ms UTC, a day's start), every minute's open, high, low and close
     * {@code close(hour)}, volume 10, quote volume 1000, 4 trades, taker buys 5 and 500.
     */
    public static void writeHourlyCloses(Path data, String symbol, long day, int hours,
            IntToDoubleFunction close) throws IOException {
        Path dir = data.resolve("futures/um/daily/klines/" + symbol + "/1m");
        Files.createDirectories(dir);
        String date = Instant.ofEpochMilli(day).toString().substring(0, 10);
        try (Writer w = Files.newBufferedWriter(dir.resolve(symbol + "-1m-" + date + ".csv"))) {
            for (int minute = 0; minute < hours * 60; minute++) {
                long open = day + minute * MINUTE;
                String c = Double.toString(close.applyAsDouble(minute / 60));
                w.write(open + "," + c + "," + c + "," + c + "," + c + ",10," + (open + MINUTE - 1)
                        + ",1000,4,5,500,0\n");
            }
        }
    }

    public static List<Kline> read(Path file, Market market, String symbol, String interval)
            throws IOException {
        List<Kline> klines = new ArrayList<>();
        long number = 0;
        for (String text : Files.readAllLines(file)) {
            RawLine line = new RawLine();
            line.origin = file.toString();
            line.lineNumber = ++number;
            line.format = RecordFormat.KLINES_CSV;
            line.symbol = symbol;
            line.market = market;
            line.interval = interval;
            line.text = text;
            DecodeResult decoded = BinanceLineParser.parse(line);
            if (decoded.kind() == DecodeResult.Kind.KLINE) {
                klines.add(decoded.kline());
            }
        }
        return klines;
    }
}
