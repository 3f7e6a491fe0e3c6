package io.quantstream.jobs.config;

import io.quantstream.connectors.binance.BinanceFiles;
import io.quantstream.connectors.binance.InputFile;
import io.quantstream.model.Market;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** The Binance files a job config's {@code input} section names, looked up on disk. */
final class InputPaths {

    static final String EXPECTED = "expected Binance archive files or websocket captures";

    private InputPaths() {}

    /**
     * The input files under {@code input.paths} (relative ones under {@code input.dataDir}),
     * found by {@link BinanceFiles#discover}; a problem for each path that does not exist, for a
     * folder that cannot be listed and for inputs without any Binance data file.
     *
     * @return the files sorted by path, or null when they are not all known (a path is missing)
     */
    static List<InputFile> discover(JobConfig.Input input, List<String> problems) {
        if (input.paths.isEmpty()) {
            problems.add("input.paths: no input given (" + EXPECTED + ", or folders of them)");
            return null;
        }
        Path dataDir = input.dataDir.isBlank() ? null : absolute(Paths.get(input.dataDir));
        boolean dataDirMissing = dataDir != null && !Files.isDirectory(dataDir)
                && input.paths.stream().anyMatch(p -> !Paths.get(p).isAbsolute());
        if (dataDirMissing) {
            problems.add("input.dataDir: " + (Files.exists(dataDir) ? dataDir + " is a file, not"
                    + " a folder" : "no such folder: " + dataDir)
                    + " (relative input.paths are read from it)");
        }
        List<Path> paths = new ArrayList<>();
        boolean complete = !dataDirMissing;
        for (String entry : input.paths) {
            Path path = Paths.get(entry);
            boolean relative = !path.isAbsolute() && dataDir != null;
            path = absolute(relative ? dataDir.resolve(path) : path);
            if (Files.exists(path)) {
                paths.add(path);
            } else if (!(relative && dataDirMissing)) {
                problems.add("no such file or folder: " + path + " (" + EXPECTED + ")");
                complete = false;
            }
        }
        List<InputFile> files;
        try {
            files = BinanceFiles.discover(paths, marketOrNull(input.market),
                    input.symbol.isBlank() ? null : input.symbol.trim());
        } catch (UncheckedIOException e) {
            problems.add(e.getMessage() + " (" + e.getCause() + ")");
            return null;
        }
        if (files.isEmpty() && !paths.isEmpty()) {
            problems.add("no Binance data files in " + paths + " (expected aggTrades, trades or"
                    + " klines archive files named as on data.binance.vision, or websocket"
                    + " captures)");
        }
        return complete && !files.isEmpty() ? files : null;
    }

    /** The market override; null when blank, and when unknown (ConfigValidator reports it). */
    private static Market marketOrNull(String text) {
        try {
            return text.isBlank() ? null : Market.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
