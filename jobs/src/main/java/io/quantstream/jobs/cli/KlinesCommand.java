package io.quantstream.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.jobs.config.ConfigValidator;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.local.LocalRun;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quantstream klines}: Binance trades (or 1m klines) to exact klines as Binance CSV files. */
@Command(
        name = "klines",
        mixinStandardHelpOptions = true,
        description = {
            "Aggregates trades into exact klines and writes DIR/<SYMBOL>-<interval>.csv (Binance"
                    + " kline CSV with header, rows in open_time order; inputs of several markets:"
                    + " DIR/<market>/<SYMBOL>-<interval>.csv) and DIR/dead-letters.jsonl.",
            "Inputs: websocket captures (@trade/@aggTrade) and archive aggTrades/trades/klines"
                    + " files, zipped, gzipped or plain, or folders of them."
        })
final class KlinesCommand implements Callable<Integer> {

    @Mixin InputFiles input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output folder.")
    File output;

    @Option(names = "--interval", split = ",", paramLabel = "1m,5m,…", defaultValue = "1m",
            description = "Intervals to write (default: ${DEFAULT-VALUE}).")
    List<String> intervals;

    @Option(names = "--mode", defaultValue = "streaming", paramLabel = "batch|streaming|automatic",
            description = "Flink runtime mode (default: ${DEFAULT-VALUE}); both give the same klines.")
    String mode;

    @Option(names = "--parallelism", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = "--allowed-lateness", defaultValue = "0s",
            description = "Trades accepted this long after their bar's close (default: ${DEFAULT-VALUE}).")
    String allowedLateness;

    @Option(names = "--out-of-orderness", defaultValue = "1s",
            description = "Watermark out-of-orderness (default: ${DEFAULT-VALUE}).")
    String outOfOrderness;

    @Option(names = "--flink", paramLabel = "KEY=VALUE",
            description = "Raw Flink option, e.g. state.backend.type=rocksdb (repeatable).")
    Map<String, String> flink = Map.of();

    @Mixin WebUiOption webUi;

    @Option(names = "--stats", paramLabel = "FILE", hidden = true,
            description = "Write wall/CPU seconds and peak RSS as JSON (used by bench).")
    File stats;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        JobConfig config = new JobConfig();
        config.name = "quantstream klines";
        config.mode = mode;
        config.parallelism = parallelism;
        config.input.paths = new ArrayList<>();
        input.paths.forEach(f -> config.input.paths.add(f.getPath()));
        config.input.market = input.market;
        config.input.symbol = input.symbol;
        config.output = output.getPath();
        config.klines.intervals = intervals;
        config.klines.allowedLateness = allowedLateness;
        config.watermark.outOfOrderness = outOfOrderness;
        config.flink.putAll(flink);
        ConfigValidator.validate(config); // before the last run's outputs are cleared
        LocalRun.Stats result = LocalRun.execute(config, webUi.serve(), stats == null ? CommandOutput.stream(spec) : null);
        if (stats != null) {
            new ObjectMapper().writeValue(stats, result);
        }
        return 0;
    }
}
