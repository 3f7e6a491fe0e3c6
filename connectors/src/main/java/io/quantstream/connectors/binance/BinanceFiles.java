package io.quantstream.connectors.binance;

import io.quantstream.model.Market;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds Binance input files and tells their format, symbol, market and interval from their names
 * and folders.
 *
 * <p>Which files are read ({@link #describe}):
 *
 * <ul>
 *   <li>archive files named as on {@code data.binance.vision}: {@code <SYMBOL>-aggTrades-<date>},
 *       {@code <SYMBOL>-trades-<date>}, {@code <SYMBOL>-<interval>-<date>} (interval such as
 *       {@code 1m}, {@code 1h}, {@code 1d}, {@code 1w}, {@code 1mo}), each followed by {@code .zip},
 *       {@code .csv}, {@code .csv.zip} or {@code .csv.gz};
 *   <li>websocket captures: any other name that, after an optional {@code .gz}, has no extension
 *       or ends in {@code .dat} or {@code .jsonl} (e.g. {@code btcusdt_20240718.gz});
 *   <li>everything else is skipped: {@code *.CHECKSUM}, other archive data sets (funding rates),
 *       {@code *.json}, other {@code *.csv}, and hidden files (names starting with {@code .} or
 *       {@code _}, as Flink's file source skips them).
 * </ul>
 *
 * <p>Market: the override, else the deepest folder naming one ({@code spot}, {@code futures/um},
 * {@code futures/cm}, {@code usdm}, {@code coinm}), else null. Compression is not taken from the
 * name: {@link BinanceFileReader} detects it from the content.
 */
public final class BinanceFiles {

    private static final String DATE = "\\d{4}-\\d{2}(?:-\\d{2})?";
    private static final String ARCHIVE_SUFFIX = "\\.(?:zip|csv|csv\\.zip|csv\\.gz)";
    private static final Pattern AGG_TRADES =
            Pattern.compile("([A-Za-z0-9_]+)-aggTrades-" + DATE + ARCHIVE_SUFFIX);
    private static final Pattern TRADES =
            Pattern.compile("([A-Za-z0-9_]+)-trades-" + DATE + ARCHIVE_SUFFIX);
    private static final Pattern KLINES =
            Pattern.compile("([A-Za-z0-9_]+)-(\\d+(?:s|m|h|d|w|mo))-" + DATE + ARCHIVE_SUFFIX);
    private static final Pattern WS_CAPTURE =
            Pattern.compile("[^.]+(?:\\.dat|\\.jsonl)?(?:\\.gz)?");

    private BinanceFiles() {}

    /**
     * Every readable Binance file in {@code inputs} (files, or folders searched recursively),
     * sorted by path.
     *
     * @param marketOverride market for every file, or null to take it from the folders
     * @param symbolOverride symbol for every file, or null to take it from archive file names
     * @throws UncheckedIOException when an input does not exist or a folder cannot be listed
     */
    public static List<InputFile> discover(
            List<Path> inputs, Market marketOverride, String symbolOverride) {
        List<InputFile> files = new ArrayList<>();
        for (Path input : inputs) {
            try (Stream<Path> walk = Files.walk(input)) {
                walk.filter(Files::isRegularFile)
                        .map(p -> describe(p, marketOverride, symbolOverride))
                        .flatMap(Optional::stream)
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + input, e);
            }
        }
        files.sort(Comparator.comparing(InputFile::path));
        return files;
    }

    /**
     * What {@code file} holds, or empty when it is not a Binance data file (rules in the class
     * comment). Does not open the file.
     */
    public static Optional<InputFile> describe(
            Path file, Market marketOverride, String symbolOverride) {
        Path absolute = file.toAbsolutePath().normalize();
        String name = absolute.getFileName().toString();
        if (name.startsWith(".") || name.startsWith("_")) {
            return Optional.empty();
        }
        Market market = marketOverride != null ? marketOverride : marketFromFolders(absolute);
        String path = absolute.toString();
        Matcher m;
        if ((m = AGG_TRADES.matcher(name)).matches()) {
            return archive(path, RecordFormat.AGG_TRADES_CSV, m.group(1), symbolOverride, market, null);
        }
        if ((m = TRADES.matcher(name)).matches()) {
            return archive(path, RecordFormat.TRADES_CSV, m.group(1), symbolOverride, market, null);
        }
        if ((m = KLINES.matcher(name)).matches()) {
            return archive(path, RecordFormat.KLINES_CSV, m.group(1), symbolOverride, market, m.group(2));
        }
        if (WS_CAPTURE.matcher(name).matches()) {
            return Optional.of(new InputFile(path, RecordFormat.WS_JSON, upper(symbolOverride), market, null));
        }
        return Optional.empty();
    }

    /**
     * Files grouped by (format, market, symbol, interval), each group's files in date order (by
     * file name, then path); groups sorted by key. Websocket captures, whose symbol is in the
     * messages, group by the file-name prefix before the first {@code _} or {@code .}
     * ({@code btcusdt_20240718.gz} and {@code btcusdt_20240719.gz} form one group).
     *
     * <p>Why: in STREAMING mode each group should be one source read strictly in order; one source
     * reading several symbols' files one after the other would move the watermark past the later
     * files and make their trades late.
     *
     * @return key {@code format/market/symbol-or-prefix/interval} ({@code -} for null parts) to
     *     the group's files
     */
    public static Map<String, List<InputFile>> groups(List<InputFile> files) {
        Map<String, List<InputFile>> groups = new TreeMap<>();
        for (InputFile file : files) {
            groups.computeIfAbsent(groupKey(file), k -> new ArrayList<>()).add(file);
        }
        Comparator<InputFile> byDate =
                Comparator.comparing((InputFile f) -> fileName(f.path())).thenComparing(InputFile::path);
        groups.values().forEach(group -> group.sort(byDate));
        return groups;
    }

    private static String groupKey(InputFile file) {
        String who = file.symbol();
        if (who == null) {
            String name = fileName(file.path());
            int end = name.length();
            for (int i = 0; i < name.length(); i++) {
                if (name.charAt(i) == '_' || name.charAt(i) == '.') {
                    end = i;
                    break;
                }
            }
            who = name.substring(0, end);
        }
        return file.format() + "/" + orDash(file.market()) + "/" + who + "/" + orDash(file.interval());
    }

    private static Optional<InputFile> archive(
            String path, RecordFormat format, String nameSymbol, String symbolOverride,
            Market market, String interval) {
        String symbol = upper(symbolOverride != null ? symbolOverride : nameSymbol);
        return Optional.of(new InputFile(path, format, symbol, market, interval));
    }

    /**
     * The market the deepest folder above {@code file} names ({@code spot}, {@code futures/um},
     * {@code futures/cm}, {@code usdm}, {@code coinm}), or null when none does.
     */
    public static Market marketFromFolders(Path file) {
        for (Path dir = file.getParent(); dir != null && dir.getFileName() != null; dir = dir.getParent()) {
            String name = dir.getFileName().toString().toLowerCase(Locale.ROOT);
            Path parent = dir.getParent();
            boolean underFutures = parent != null && parent.getFileName() != null
                    && parent.getFileName().toString().equalsIgnoreCase("futures");
            switch (name) {
                case "spot":
                    return Market.SPOT;
                case "usdm":
                    return Market.USDM;
                case "coinm":
                    return Market.COINM;
                case "um":
                    if (underFutures) {
                        return Market.USDM;
                    }
                    break;
                case "cm":
                    if (underFutures) {
                        return Market.COINM;
                    }
                    break;
                default:
                    break;
            }
        }
        return null;
    }

    private static String fileName(String path) {
        return Path.of(path).getFileName().toString();
    }

    private static String upper(String symbol) {
        return symbol == null ? null : symbol.toUpperCase(Locale.ROOT);
    }

    private static String orDash(Object part) {
        return part == null ? "-" : part.toString();
    }
}
