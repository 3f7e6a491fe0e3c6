package io.quantstream.jobs;

import io.quantstream.connectors.binance.BinanceFiles;
import io.quantstream.connectors.binance.InputFile;
import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.ArchiveInput;
import io.quantstream.jobs.topology.FileSinks;
import io.quantstream.jobs.topology.MarketData;
import io.quantstream.jobs.topology.SliceOutputs;
import io.quantstream.jobs.topology.SliceTopology;
import io.quantstream.model.Market;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The vertical slice over Binance files: trades or 1m klines in; klines, factors, cross-sections
 * and target positions out, as files in the configured output folder.
 *
 * <pre>{@code flink run -c io.quantstream.jobs.SliceJob jobs/target/quantstream-jobs.jar \
 *     --config config/demo.yaml [--key.path value ...]}</pre>
 */
public final class SliceJob {

    private SliceJob() {}

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        Path configFile = null;
        int at = rest.indexOf("--config");
        if (at >= 0 && at + 1 < rest.size()) {
            configFile = Paths.get(rest.get(at + 1));
            rest.subList(at, at + 2).clear();
        }
        JobConfig config = ConfigLoader.load(configFile, rest);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                JobEnvironment.configuration(config));
        define(env, config);
        JobExecutionResult result = env.execute(config.name);
        // attached (the default): the job has ended and committed its last parts; detached
        // (flink run -d): it still runs, and its committed parts are the output
        if (result.isJobExecutionResult()) {
            FileSinks.assemble(config.output);
        }
    }

    /**
     * Adds the slice to {@code env}: sources for every input file, the stages, file sinks.
     *
     * @throws IllegalArgumentException when the inputs hold no Binance data file
     */
    public static void define(StreamExecutionEnvironment env, JobConfig config) {
        List<InputFile> files = inputFiles(config);
        MarketData input = ArchiveInput.read(env, files,
                config.watermark.outOfOrdernessDuration(), config.watermark.idlenessDuration());
        SliceOutputs outputs = SliceTopology.build(input, config);
        FileSinks.attach(outputs, config.output, config.print);
    }

    /** The input files the configuration names, discovered under files or folders. */
    public static List<InputFile> inputFiles(JobConfig config) {
        List<Path> paths = new ArrayList<>();
        for (String p : config.input.paths) {
            Path path = Paths.get(p);
            if (!path.isAbsolute() && !config.input.dataDir.isBlank()) {
                path = Paths.get(config.input.dataDir).resolve(p);
            }
            paths.add(path.toAbsolutePath().normalize());
        }
        Market market = config.input.market.isBlank() ? null : Market.parse(config.input.market);
        String symbol = config.input.symbol.isBlank() ? null : config.input.symbol;
        List<InputFile> files = BinanceFiles.discover(paths, market, symbol);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no Binance data files found in " + paths
                    + " (expected aggTrades/trades/klines archive files or websocket captures)");
        }
        return files;
    }
}
