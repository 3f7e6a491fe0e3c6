package io.quantstream.jobs;

import io.quantstream.connectors.binance.BinanceLineParser;
import io.quantstream.connectors.binance.DecodeResult;
import io.quantstream.connectors.binance.RawLine;
import io.quantstream.connectors.binance.RecordFormat;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Klines of a kline CSV a job wrote, decoded as the file source decodes them. */
public final class KlineCsvFiles {

    private KlineCsvFiles() {}

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
