package io.quantstream.execution;

import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.testing.Klines;
import io.quantstream.testing.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The 2026-02 USD-M 1m klines of {@code ../shared/data}, read straight from the archive CSV. */
final class RealKlines {

    private RealKlines() {}

    /** Every 1m bar of {@code symbol} in February 2026, in time order. */
    static List<Kline> february2026(String symbol) throws IOException {
        Path file = SharedData.require("binance/vision/futures/um/monthly/klines/" + symbol + "/1m/"
                + symbol + "-1m-2026-02.csv.gz");
        List<Kline> bars = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("open_time")) {
                    continue;
                }
                bars.add(Klines.fromArchiveRow(line.split(","), Market.USDM, symbol, Interval.ONE_MINUTE.label()));
            }
        }
        return bars;
    }
}
