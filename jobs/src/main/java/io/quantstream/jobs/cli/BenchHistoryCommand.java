package io.quantstream.jobs.cli;

import io.quantstream.jobs.bench.HistoryGenerator;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quantstream bench history}: a year × 100 instruments of 1m klines for the backtest benchmark. */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = {
            "Writes N instruments of 1m klines over DAYS days, made from real 1m kline files (each"
                    + " instrument replays one of them forward and backward, shifted and scaled), as"
                    + " monthly archive files for load; prints the universe to backtest them with."
        })
final class BenchHistoryCommand implements Callable<Integer> {

    @Option(names = "--klines", required = true, paramLabel = "DIR",
            description = "Real 1m kline files, e.g. ../shared/data/binance/vision/futures/um/monthly/klines.")
    File klines;

    @Option(names = "--instruments", defaultValue = "100", description = "Default: ${DEFAULT-VALUE}.")
    int instruments;

    @Option(names = "--days", defaultValue = "365", description = "Default: ${DEFAULT-VALUE}.")
    int days;

    @Option(names = "--from", defaultValue = "2025-01-01", paramLabel = "DATE",
            description = "First day, UTC (default: ${DEFAULT-VALUE}).")
    LocalDate from;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    File out;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!klines.exists()) {
            throw new NoSuchFileException(klines.getPath()
                    + " (expected a folder of real 1m kline files, e.g."
                    + " ../shared/data/binance/vision/futures/um/monthly/klines)");
        }
        long start = System.nanoTime();
        HistoryGenerator generator = HistoryGenerator.from(klines.toPath());
        long bars = generator.write(out.toPath(), instruments, from, days);
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter printed = spec.commandLine().getOut();
        printed.printf("wrote %,d 1m bars of %d instruments (%s, %d days) to %s in %.1f s%n",
                bars, instruments, from, days, out, seconds);
        List<String> symbols = IntStream.range(0, instruments).mapToObj(generator::symbol).toList();
        printed.println("backtest them with: --universe.symbols "
                + String.join(",", symbols) + " --from " + from
                + " --to " + from.plusDays(days - 1L));
        return 0;
    }
}
