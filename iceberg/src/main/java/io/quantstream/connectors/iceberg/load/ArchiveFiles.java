package io.quantstream.connectors.iceberg.load;

import io.quantstream.connectors.binance.BinanceFiles;
import io.quantstream.connectors.binance.InputFile;
import io.quantstream.model.Market;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the Binance archive files in the loader's inputs, in the {@code data.binance.vision}
 * layout or flat: names and markets as {@link BinanceFiles} reads them ({@code
 * <SYMBOL>-aggTrades-<date>}, {@code <SYMBOL>-trades-<date>}, {@code <SYMBOL>-<interval>-<date>},
 * plus {@code <SYMBOL>-fundingRate-<date>}), zipped, gzipped or plain; klines under a
 * {@code markPriceKlines} folder are mark price klines.
 */
public final class ArchiveFiles {

    private static final Pattern PERIOD =
            Pattern.compile(".*-(\\d{4}-\\d{2}(?:-\\d{2})?)\\.(?:zip|csv|csv\\.zip|csv\\.gz)");
    private static final Pattern FUNDING_RATE =
            Pattern.compile("([A-Za-z0-9_]+)-fundingRate-\\d{4}-\\d{2}(?:-\\d{2})?\\.(?:zip|csv|csv\\.zip|csv\\.gz)");

    /**
     * The archive files found, sorted by path, and the files that were not (with why).
     *
     * @param files archive files to load
     * @param skipped {@code path: reason} of every other file, {@code .CHECKSUM} files excepted
     */
    public record Discovery(List<ArchiveFile> files, List<String> skipped) {}

    private ArchiveFiles() {}

    /**
     * @param inputs files, or folders searched recursively
     * @param marketOverride market of every file, or null to take it from the folders
     * @throws UncheckedIOException when an input does not exist or cannot be listed
     */
    public static Discovery discover(List<Path> inputs, Market marketOverride) {
        List<ArchiveFile> files = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path input : inputs) {
            try (Stream<Path> walk = Files.walk(input)) {
                walk.filter(Files::isRegularFile).sorted().forEach(path -> {
                    String name = path.getFileName().toString();
                    if (name.endsWith(".CHECKSUM") || name.startsWith(".") || name.startsWith("_")) {
                        return;
                    }
                    Optional<ArchiveFile> file = describe(path.toAbsolutePath().normalize(), marketOverride);
                    if (file.isPresent()) {
                        files.add(file.get());
                    } else {
                        skipped.add(path + ": not a Binance archive file of a kind the loader reads");
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + input, e);
            }
        }
        files.sort(Comparator.comparing(ArchiveFile::path));
        return new Discovery(files, skipped);
    }

    /** What {@code path} holds, or empty when it is no archive file the loader reads. */
    static Optional<ArchiveFile> describe(Path path, Market marketOverride) {
        String name = path.getFileName().toString();
        Matcher period = PERIOD.matcher(name);
        if (!period.matches()) {
            return Optional.empty();
        }
        Market market = marketOverride != null ? marketOverride : BinanceFiles.marketFromFolders(path);
        Matcher funding = FUNDING_RATE.matcher(name);
        if (funding.matches()) {
            return Optional.of(new ArchiveFile(path, ArchiveKind.FUNDING_RATE, market,
                    funding.group(1).toUpperCase(Locale.ROOT), null, period.group(1)));
        }
        Optional<InputFile> input = BinanceFiles.describe(path, market, null);
        if (input.isEmpty()) {
            return Optional.empty();
        }
        ArchiveKind kind;
        switch (input.get().format()) {
            case AGG_TRADES_CSV:
                kind = ArchiveKind.AGG_TRADES;
                break;
            case TRADES_CSV:
                kind = ArchiveKind.TRADES;
                break;
            case KLINES_CSV:
                if (underFolder(path, "indexPriceKlines") || underFolder(path, "premiumIndexKlines")) {
                    return Optional.empty();
                }
                kind = underFolder(path, "markPriceKlines") ? ArchiveKind.MARK_PRICE_KLINES : ArchiveKind.KLINES;
                break;
            default:
                return Optional.empty();
        }
        return Optional.of(new ArchiveFile(path, kind, market, input.get().symbol(),
                input.get().interval(), period.group(1)));
    }

    private static boolean underFolder(Path path, String folder) {
        for (Path dir = path.getParent(); dir != null && dir.getFileName() != null; dir = dir.getParent()) {
            if (dir.getFileName().toString().equals(folder)) {
                return true;
            }
        }
        return false;
    }
}
