package io.quantstream.connectors.iceberg.load;

import io.quantstream.connectors.binance.InputFile;
import io.quantstream.model.Market;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * One Binance archive file to load, and what its name and folders say: kind, market, symbol,
 * interval and the day or month it covers.
 *
 * @param path the local file
 * @param kind data set
 * @param market from the folders or an override; null when neither says (the file then fails)
 * @param symbol upper case, from the file name
 * @param interval kline interval label for klines and mark price klines, else null
 * @param period {@code yyyy-MM-dd} (daily file) or {@code yyyy-MM} (monthly file)
 */
public record ArchiveFile(
        Path path, ArchiveKind kind, Market market, String symbol, String interval, String period) {

    /**
     * What the file holds, independent of its compression and folder:
     * {@code MARKET/kind/SYMBOL[/interval]/period}, e.g. {@code USDM/klines/DOTUSDT/1m/2026-02}.
     * A file is loaded at most once per key.
     */
    public String key() {
        return market + "/" + kind.archiveName() + "/" + symbol
                + (interval == null ? "" : "/" + interval) + "/" + period;
    }

    public String fileName() {
        return path.getFileName().toString();
    }

    /** First millisecond the file covers, epoch ms UTC. */
    public long coversFrom() {
        return start(period);
    }

    /** First millisecond after the file's day or month, epoch ms UTC. */
    public long coversTo() {
        return period.length() == 7
                ? YearMonth.parse(period).plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
                : LocalDate.parse(period).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** The file as the Binance line reader takes it. */
    InputFile input() {
        return new InputFile(path.toString(), kind.format(), symbol, market, interval);
    }

    private static long start(String period) {
        LocalDate day = period.length() == 7 ? YearMonth.parse(period).atDay(1) : LocalDate.parse(period);
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    @Override
    public String toString() {
        return key() + " (" + path + ")";
    }
}
