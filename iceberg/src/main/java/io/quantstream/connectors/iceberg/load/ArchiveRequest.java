package io.quantstream.connectors.iceberg.load;

import io.quantstream.model.Market;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which archive files to download: one per symbol and day ({@code --from 2026-05-01}) or month
 * ({@code --from 2026-02}), in the public archive's layout below a base URL:
 * {@code <market>/<daily|monthly>/<kind>/<SYMBOL>/[<interval>/]<SYMBOL>-<kind|interval>-<period>.zip},
 * market {@code spot}, {@code futures/um} or {@code futures/cm}.
 *
 * @param market market of every symbol
 * @param kind data set
 * @param symbols upper-case symbols
 * @param from first day ({@code yyyy-MM-dd}) or month ({@code yyyy-MM}), inclusive
 * @param to last day or month, inclusive, in the same form as {@code from}
 * @param interval kline interval for klines and mark price klines (e.g. {@code 1m}), else ignored
 */
public record ArchiveRequest(
        Market market, ArchiveKind kind, List<String> symbols, String from, String to, String interval) {

    /**
     * Every mistake, worded for users; empty when the request names files.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (symbols.isEmpty()) {
            problems.add("--symbols: name at least one symbol, e.g. BTCUSDT,ETHUSDT");
        }
        boolean daily = from.length() == 10;
        if (!validPeriod(from) || !validPeriod(to) || from.length() != to.length()) {
            problems.add("--from/--to: '" + from + "' and '" + to + "' must be two days (2026-05-01)"
                    + " or two months (2026-02)");
        } else if (from.compareTo(to) > 0) {
            problems.add("--from " + from + " is after --to " + to);
        } else if (kind == ArchiveKind.FUNDING_RATE && daily) {
            problems.add("--kind fundingRate: the archive has monthly funding files only; use months (2026-04)");
        }
        if (market == Market.SPOT && (kind == ArchiveKind.FUNDING_RATE || kind == ArchiveKind.MARK_PRICE_KLINES)) {
            problems.add("--kind " + kind.archiveName() + ": futures only (--market usdm or coinm)");
        }
        if (kind.hasInterval() && (interval == null || interval.isBlank())) {
            problems.add("--interval: " + kind.archiveName() + " need an interval, e.g. 1m");
        }
        return problems;
    }

    /** Paths of the requested files below the base URL, in symbol then period order. */
    public List<String> paths() {
        List<String> paths = new ArrayList<>();
        for (String symbol : symbols) {
            for (String period : periods()) {
                String name = symbol + "-" + (kind.hasInterval() ? interval : kind.archiveName()) + "-" + period + ".zip";
                paths.add(marketPath() + "/" + (period.length() == 10 ? "daily" : "monthly") + "/"
                        + kind.archiveName() + "/" + symbol + "/" + (kind.hasInterval() ? interval + "/" : "") + name);
            }
        }
        return paths;
    }

    private List<String> periods() {
        List<String> periods = new ArrayList<>();
        if (from.length() == 10) {
            for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
                periods.add(d.toString());
            }
        } else {
            for (YearMonth m = YearMonth.parse(from); !m.isAfter(YearMonth.parse(to)); m = m.plusMonths(1)) {
                periods.add(m.toString());
            }
        }
        return periods;
    }

    private String marketPath() {
        switch (market) {
            case SPOT:
                return "spot";
            case USDM:
                return "futures/um";
            default:
                return "futures/cm";
        }
    }

    private static boolean validPeriod(String text) {
        try {
            if (text.length() == 10) {
                LocalDate.parse(text);
            } else {
                YearMonth.parse(text);
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
