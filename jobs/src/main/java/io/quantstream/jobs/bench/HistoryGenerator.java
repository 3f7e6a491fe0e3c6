package io.quantstream.jobs.bench;

import io.quantstream.connectors.binance.BinanceFileReader;
import io.quantstream.connectors.binance.BinanceFiles;
import io.quantstream.connectors.binance.BinanceLineParser;
import io.quantstream.connectors.binance.DecodeResult;
import io.quantstream.connectors.binance.InputFile;
import io.quantstream.connectors.file.KlineCsv;
import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A large backtest workload made from real 1m klines: {@code n} instruments over {@code days}
 * days, as monthly archive files ({@code futures/um/monthly/klines/<SYM>/1m/<SYM>-1m-<YYYY-MM>.csv.gz},
 * what {@code load} reads).
 *
 * <p>Instrument {@code i} replays source month {@code i mod sources} (e.g. the seven 2026-02
 * USD-M files) minute by minute, forward then backward in time (a backward bar swaps open and
 * close), round and round: the price path has no jump at any turn and no drift. Each copy of a
 * source starts its round at another minute ({@code i / sources × 1931}) and has its prices and
 * quote volumes scaled by {@code 1 + 0.0125 × (i / sources)} (rounded half-even to 8 decimals,
 * which keeps low ≤ open, close ≤ high); volumes, counts and taker volumes are the source's.
 * Symbols are {@code S<i>} before the source's, e.g. {@code S007DOTUSDT}.
 */
public final class HistoryGenerator {

    private static final long MINUTE = Interval.ONE_MINUTE.millis();
    private static final int SCALE = 8;

    private final List<List<Kline>> sources;

    private HistoryGenerator(List<List<Kline>> sources) {
        this.sources = sources;
    }

    /**
     * Reads the source instruments from the 1m kline files under {@code klines} (one month each
     * is enough; several months of one symbol are concatenated).
     *
     * @throws IllegalArgumentException when there are none
     */
    public static HistoryGenerator from(Path klines) throws IOException {
        TreeMap<String, List<Kline>> bySymbol = new TreeMap<>();
        for (InputFile file : BinanceFiles.discover(List.of(klines), Market.USDM, null)) {
            if (!Interval.ONE_MINUTE.label().equals(file.interval())) {
                continue;
            }
            try (BinanceFileReader reader = BinanceFileReader.open(file)) {
                reader.forEachRemaining(line -> {
                    DecodeResult row = BinanceLineParser.parse(line);
                    if (row.kind() == DecodeResult.Kind.KLINE) {
                        bySymbol.computeIfAbsent(row.kline().symbol, s -> new ArrayList<>()).add(row.kline());
                    }
                });
            }
        }
        if (bySymbol.isEmpty()) {
            throw new IllegalArgumentException("no 1m kline files under " + klines);
        }
        return new HistoryGenerator(new ArrayList<>(bySymbol.values()));
    }

    /** The symbol of instrument {@code i}. */
    public String symbol(int i) {
        return String.format("S%03d%s", i, sources.get(i % sources.size()).get(0).symbol);
    }

    /**
     * Writes instruments {@code 0 … n−1} from {@code start} (UTC midnight) for {@code days} days
     * under {@code out}, two instruments at a time.
     *
     * @return the number of bars written
     */
    public long write(Path out, int n, LocalDate start, int days) {
        return IntStream.range(0, n).parallel().mapToLong(i -> {
            try {
                return writeInstrument(out, i, start, days);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).sum();
    }

    private long writeInstrument(Path out, int i, LocalDate start, int days) throws IOException {
        List<Kline> source = sources.get(i % sources.size());
        int copy = i / sources.size();
        int length = source.size();
        BigDecimal scale = BigDecimal.ONE.add(new BigDecimal("0.0125").multiply(BigDecimal.valueOf(copy)));
        String symbol = symbol(i);
        Path folder = Files.createDirectories(
                out.resolve("futures/um/monthly/klines").resolve(symbol).resolve("1m"));
        long first = start.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long end = first + days * 86_400_000L;
        long bars = 0;
        long position = (long) copy * 1931;
        for (YearMonth month = YearMonth.from(start); ; month = month.plusMonths(1)) {
            long from = Math.max(first, month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
            long to = Math.min(end, month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
            if (from >= to) {
                break;
            }
            Path file = folder.resolve(symbol + "-1m-" + month + ".csv.gz");
            try (Writer w = new BufferedWriter(new OutputStreamWriter(gzip(file), StandardCharsets.UTF_8), 1 << 16)) {
                w.write(KlineCsv.BINANCE_HEADER);
                w.write('\n');
                for (long t = from; t < to; t += MINUTE, position++) {
                    int p = (int) (position % (2L * length));
                    boolean forward = p < length;
                    Kline k = source.get(forward ? p : 2 * length - 1 - p);
                    w.write(KlineCsv.binanceRow(bar(k, symbol, t, forward, scale)));
                    w.write('\n');
                    bars++;
                }
            }
        }
        return bars;
    }

    private static Kline bar(Kline k, String symbol, long openTime, boolean forward, BigDecimal scale) {
        Kline b = new Kline();
        b.symbol = symbol;
        b.market = Market.USDM;
        b.interval = k.interval;
        b.openTime = openTime;
        b.closeTime = openTime + MINUTE - 1;
        b.open = price(forward ? k.open : k.close, scale);
        b.close = price(forward ? k.close : k.open, scale);
        b.high = price(k.high, scale);
        b.low = price(k.low, scale);
        b.volume = k.volume;
        b.quoteVolume = price(k.quoteVolume, scale);
        b.count = k.count;
        b.takerBuyVolume = k.takerBuyVolume;
        b.takerBuyQuoteVolume = price(k.takerBuyQuoteVolume, scale);
        return b;
    }

    private static BigDecimal price(BigDecimal value, BigDecimal scale) {
        return value.multiply(scale).setScale(SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    private static OutputStream gzip(Path file) throws IOException {
        return new GZIPOutputStream(Files.newOutputStream(file), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }
}
