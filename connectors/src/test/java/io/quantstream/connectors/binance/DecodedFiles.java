package io.quantstream.connectors.binance;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.Kline;
import io.quantstream.model.Trade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and decodes files without Flink, as the file job decodes them, keeping every outcome for
 * assertions (and the trades for tests that produce them to a topic).
 */
public final class DecodedFiles {

    final List<RawLine> lines = new ArrayList<>();
    /** The trades, file after file, each file's in its order. */
    public final List<Trade> trades = new ArrayList<>();
    final List<Kline> klines = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    long skipped;
    long headers;

    public static DecodedFiles of(List<InputFile> files) {
        DecodedFiles decoded = new DecodedFiles();
        for (InputFile file : files) {
            try (BinanceFileReader reader = BinanceFileReader.open(file)) {
                reader.forEachRemaining(decoded::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return decoded;
    }

    static DecodedFiles of(InputFile... files) {
        return of(List.of(files));
    }

    private void add(RawLine line) {
        lines.add(line);
        DecodeResult result = BinanceLineParser.parse(line);
        switch (result.kind()) {
            case TRADE:
                trades.add(result.trade());
                break;
            case KLINE:
                klines.add(result.kline());
                break;
            case SKIPPED:
                skipped++;
                break;
            case HEADER:
                headers++;
                break;
            default:
                deadLetters.add(result.deadLetter());
        }
    }
}
