package io.quantstream.jobs.state;

import io.quantstream.connectors.binance.InputFile;
import io.quantstream.connectors.iceberg.source.HistoryRange;
import io.quantstream.connectors.iceberg.source.HistorySources;
import io.quantstream.factor.FactorSet;
import io.quantstream.jobs.JobEnvironment;
import io.quantstream.jobs.config.ConfigValidator;
import io.quantstream.jobs.config.InvalidConfigException;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.ArchiveInput;
import io.quantstream.jobs.topology.HistoryInput;
import io.quantstream.jobs.topology.MarketData;
import io.quantstream.jobs.topology.Topology;
import io.quantstream.jobs.topology.TopologyOutputs;
import io.quantstream.model.Kline;
import io.quantstream.savepoints.FactorStateBootstrap;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job of {@code state bootstrap}: history klines (Iceberg {@code market.klines}, or kline
 * files) through the jobs' own roll-ups ({@link Topology#klines}) and factor input
 * ({@link Topology#factorInput}), the bars closing in {@code [from, to)}, into a savepoint of the
 * factor operator's state ({@link FactorStateBootstrap}), in BATCH.
 */
public final class HistoryBootstrap {

    /** {@code --from-history} value that reads the Iceberg table instead of files. */
    public static final String ICEBERG_KLINES = "market.klines";

    private HistoryBootstrap() {}

    /**
     * Adds the bootstrap to a new BATCH environment of {@code config} and returns it (run it with
     * {@code execute}).
     *
     * @param history {@link #ICEBERG_KLINES} (the config's catalog, its universe's instruments)
     *     or files and folders of 1m kline files (as the file job reads them)
     * @param from epoch ms UTC, bars opening at or after it ({@code Long.MIN_VALUE}: all)
     * @param to epoch ms UTC, bars closing before it ({@code Long.MAX_VALUE}: all)
     * @throws InvalidConfigException when the config computes no factors or its inputs are wrong
     * @throws IllegalArgumentException when {@code out} exists
     */
    public static StreamExecutionEnvironment define(JobConfig config, List<String> history,
            long from, long to, Path out) {
        if (config.factors == null || config.factors.isBlank()) {
            throw new InvalidConfigException(List.of(
                    "factors: nothing to bootstrap, the config computes no factors"));
        }
        FactorStateBootstrap.requireNew(out); // before the inputs are searched
        FactorSet factors = FactorSet.parse(config.factors);
        config.mode = "batch";
        Configuration conf = JobEnvironment.configuration(config);
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        // the State Processor API passes its operator states between its own operators as a
        // generic (Kryo) type; the state it writes is the factor operator's POJO
        conf.set(PipelineOptions.GENERIC_TYPES, true);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        MarketData input = history.equals(List.of(ICEBERG_KLINES))
                ? tableInput(env, config, from, to) : fileInput(env, config, history);
        TopologyOutputs klines = new TopologyOutputs();
        Topology.klines(input, config, klines);
        DataStream<Kline> bars = Topology.factorInput(klines.klines, config)
                .filter(k -> k.openTime >= from && k.closeTime < to)
                .name("history range");
        FactorStateBootstrap.define(bars, factors, JobEnvironment.MAX_PARALLELISM, out);
        return env;
    }

    private static MarketData tableInput(StreamExecutionEnvironment env, JobConfig config,
            long from, long to) {
        if (config.universe == null) {
            throw new InvalidConfigException(List.of("universe: the instruments read from "
                    + ICEBERG_KLINES + " are the universe's; the config has none"));
        }
        HistoryRange range = new HistoryRange(config.universeInstruments(), from, to);
        MarketData input = new MarketData();
        input.oneMinuteKlines.put(HistoryInput.KLINES,
                HistorySources.oneMinuteKlines(env, config.catalog.spec(), range));
        range.instruments().forEach(i -> input.markets.add(i.market()));
        return input;
    }

    private static MarketData fileInput(StreamExecutionEnvironment env, JobConfig config,
            List<String> paths) {
        config.input.paths = paths;
        config.input.dataDir = "";
        List<InputFile> files = ConfigValidator.validate(config);
        return ArchiveInput.read(env, files, config.watermark.outOfOrdernessDuration(),
                config.watermark.idlenessDuration());
    }
}
