package io.quantstream.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder written by {@code ../shared/tools/peerbench/bin/gen}: USD-M archive aggTrades CSVs
 * ({@code <SYM>-aggTrades-<month>.csv}, no header), the klines they must give
 * ({@code <SYM>-1m-expected.csv}, read by {@link KlineVerifier}) and {@code manifest.json}
 * (the trade count).
 *
 * @param dir the folder, absolute
 * @param tradeFiles the aggTrades files, sorted by path
 * @param trades trades in all of them ({@code manifest.json} → {@code trades})
 */
public record Workload(Path dir, List<Path> tradeFiles, long trades) {

    private static final String EXPECTED = " (expected a folder written by"
            + " ../shared/tools/peerbench/bin/gen: <SYM>-aggTrades-*.csv and manifest.json)";

    /**
     * @throws IllegalArgumentException saying what is wrong when {@code dir} is not such a folder
     * @throws IOException if the folder or its manifest cannot be read
     */
    public static Workload open(Path dir) throws IOException {
        Path folder = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException((Files.exists(folder)
                    ? folder + " is a file, not a folder" : "no such folder: " + folder) + EXPECTED);
        }
        Path manifest = folder.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalArgumentException("no manifest.json in " + folder + EXPECTED);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(f -> f.getFileName().toString().contains("-aggTrades-"))
                    .sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no <SYM>-aggTrades-*.csv in " + folder + EXPECTED);
        }
        long trades = new ObjectMapper().readTree(manifest.toFile()).path("trades").asLong();
        return new Workload(folder, files, trades);
    }
}
