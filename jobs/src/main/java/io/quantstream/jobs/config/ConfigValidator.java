package io.quantstream.jobs.config;

import io.quantstream.connectors.binance.InputFile;
import io.quantstream.connectors.binance.source.LiveSourceSpec;
import io.quantstream.connectors.iceberg.maintenance.TableMaintenanceSpec;
import io.quantstream.jobs.JobEnvironment;
import io.quantstream.jobs.topology.FileSinks;
import io.quantstream.kline.TradeSizes;
import io.quantstream.model.Instrument;
import io.quantstream.model.Market;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.util.TimeUtils;

/**
 * Checks a {@link JobConfig} and the inputs it names before any Flink job is built from it, so a
 * mistake stops the job at start, named with its setting and the valid choices, instead of a run
 * that ends with exit code 0 and nothing in it (a weight on a factor that is not computed
 * dead-letters every factor vector as {@code missing-factor}).
 *
 * <pre>{@code
 * List<InputFile> files = ConfigValidator.validate(config); // or InvalidConfigException
 * }</pre>
 *
 * <p>Checked here: every input path exists and the inputs hold Binance data files
 * ({@link InputPaths}); {@code mode}; {@code parallelism} (1 … {@link
 * JobEnvironment#MAX_PARALLELISM}); no {@code flink:} option that a setting owns
 * ({@link OwnedFlinkOptions}: {@code execution.runtime-mode} is {@code mode}); {@code output}
 * is a folder or absent; {@code print};
 * {@code input.market}, {@code input.symbols}, and that every input file has a market (from
 * its folders or {@code input.market}); every duration (a Flink duration, not negative;
 * out-of-orderness at least 1 ms, idleness above 0); {@code klines.contractSizes} (upper-case
 * keys, positive sizes). Interval labels and the intervals klines and factors come at:
 * {@link IntervalChecks}; factors, cross-section, universe ({@link UniverseInstruments}) and
 * strategy: {@link CrossSectionChecks}; the {@code live} section when present ({@link
 * #validateLive} for the ingest job, which needs it).
 */
public final class ConfigValidator {

    /** The outputs {@code print} may name. */
    static final List<String> OUTPUTS = List.of(FileSinks.KLINES, FileSinks.FACTORS,
            FileSinks.CROSS_SECTIONS, FileSinks.TARGET_POSITIONS, FileSinks.TRADE_GAPS,
            FileSinks.NON_MARKET_TRADES, FileSinks.DEAD_LETTERS);

    private ConfigValidator() {}

    /**
     * Finds the input files and checks the whole config against them.
     *
     * @return the input files, sorted by path
     * @throws InvalidConfigException listing every mistake found
     */
    public static List<InputFile> validate(JobConfig config) {
        List<String> problems = new ArrayList<>();
        List<InputFile> files = InputPaths.discover(config.input, problems);
        problems.addAll(problems(config, files));
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return files;
    }

    /**
     * Checks the config of a job on Kafka ({@code MarketDataJob}, {@code FactorJob},
     * {@code StrategyJob}, {@code PipelineJob}): everything above but the inputs, and that
     * {@code mode} is {@code streaming} (not {@code automatic} either: a bounded read would run
     * in BATCH), {@code kafka.bootstrapServers} is set, each role's topic under
     * {@code kafka.topics} has a name of its own and at least one partition,
     * {@code kafka.targetPositionsDelivery} is a delivery guarantee, and the Iceberg sinks'
     * settings when {@code iceberg.tables} names any ({@link IcebergChecks#checkSinks}: no
     * unaligned checkpoints with them).
     *
     * @throws InvalidConfigException listing every mistake found
     */
    public static void validateKafkaJob(JobConfig config) {
        List<String> p = problems(config, null);
        if (isMode(config, "batch") || isMode(config, "automatic")) {
            p.add("mode: the jobs on Kafka run in streaming mode only (their sinks commit on"
                    + " checkpoints), got '" + config.mode + "'");
        }
        if (config.kafka.bootstrapServers == null || config.kafka.bootstrapServers.isBlank()) {
            p.add("kafka.bootstrapServers: no broker given, e.g. localhost:9092");
        }
        checkTopics(config.kafka.topics, p);
        IcebergChecks.checkSinks(config, p);
        String delivery = config.kafka.targetPositionsDelivery;
        if (!JobConfig.Kafka.EXACTLY_ONCE.equals(delivery)
                && !JobConfig.Kafka.AT_LEAST_ONCE.equals(delivery)) {
            p.add("kafka.targetPositionsDelivery: '" + delivery + "' is not a delivery guarantee;"
                    + " guarantees: " + JobConfig.Kafka.EXACTLY_ONCE + ", "
                    + JobConfig.Kafka.AT_LEAST_ONCE);
        }
        if (!p.isEmpty()) {
            throw new InvalidConfigException(p);
        }
    }

    /**
     * Each role's topic has a name, at least one partition, and a name no other role has: two
     * roles on one topic would mix their records (klines read as trades, targets as deltas).
     */
    private static void checkTopics(JobConfig.Topics topics, List<String> p) {
        Map<String, String> roleOfName = new HashMap<>();
        topics.byRole().forEach((role, topic) -> {
            String setting = "kafka.topics." + role;
            if (topic.name == null || topic.name.isBlank()) {
                p.add(setting + ".name: no topic name given");
            } else {
                String other = roleOfName.putIfAbsent(topic.name, role);
                if (other != null) {
                    p.add(setting + ".name: '" + topic.name + "' is the topic of kafka.topics."
                            + other + " too; each role needs its own topic");
                }
            }
            if (topic.partitions < 1) {
                p.add(setting + ".partitions: " + topic.partitions + " is not at least 1");
            }
        });
    }

    /**
     * Checks the config of a backtest ({@code BacktestJob}): everything {@link #validate} checks
     * but the inputs (it reads the Iceberg tables instead), and {@link BacktestChecks}: mode
     * batch, a strategy, the range and the execution settings.
     *
     * @throws InvalidConfigException listing every mistake found
     */
    public static void validateBacktest(JobConfig config) {
        List<String> p = problems(config, null);
        BacktestChecks.check(config, p);
        if (!p.isEmpty()) {
            throw new InvalidConfigException(p);
        }
    }

    /**
     * Checks a config for {@code TableMaintenanceJob}: {@code iceberg.tables} names at least one
     * table, the catalog, and {@code iceberg.maintenance}.
     *
     * @return the maintenance spec
     * @throws InvalidConfigException listing every mistake found
     */
    public static TableMaintenanceSpec validateMaintenance(JobConfig config) {
        List<String> p = new ArrayList<>();
        if (IcebergChecks.tables(config, p).isEmpty() && p.isEmpty()) {
            p.add("iceberg.tables: no table to maintain, e.g. iceberg: {tables: [market.klines]}");
        }
        p.addAll(config.catalog.spec().problems());
        p.addAll(OwnedFlinkOptions.problems(config.flink));
        TableMaintenanceSpec spec = IcebergChecks.maintenance(config, p);
        if (!p.isEmpty()) {
            throw new InvalidConfigException(p);
        }
        return spec;
    }

    /**
     * Checks a config for the live ingest job ({@code IngestJob}): every setting {@link #validate}
     * checks but the inputs (it reads none), a {@code live} section, and {@code mode} streaming
     * (the live source never ends).
     *
     * @return the spec of the live source
     * @throws InvalidConfigException listing every mistake found
     */
    public static LiveSourceSpec validateLive(JobConfig config) {
        List<String> problems = new ArrayList<>();
        if (isMode(config, "batch") || isMode(config, "automatic")) {
            problems.add("mode: the ingest job runs in streaming mode (its source never ends), got"
                    + " '" + config.mode + "'");
        }
        problems.addAll(problems(config, null));
        if (config.live == null) {
            problems.add("live: no section; the ingest job follows live.instruments, e.g."
                    + " live: {instruments: [usdm:BTCUSDT, spot:BTCUSDT]}");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return config.live.toSpec();
    }

    /**
     * The mistakes in {@code config}, each message starting with the setting's name.
     *
     * @param files the input files, or null when unknown (checks against them are skipped)
     */
    static List<String> problems(JobConfig config, List<InputFile> files) {
        List<String> p = new ArrayList<>();
        String mode = config.mode == null ? "" : config.mode.toLowerCase(Locale.ROOT);
        if (!mode.equals("streaming") && !mode.equals("batch") && !mode.equals("automatic")) {
            p.add("mode: '" + config.mode + "' is not a runtime mode; modes: streaming, batch,"
                    + " automatic");
        }
        if (config.parallelism < 1 || config.parallelism > JobEnvironment.MAX_PARALLELISM) {
            p.add("parallelism: " + config.parallelism + " is not between 1 and the max"
                    + " parallelism " + JobEnvironment.MAX_PARALLELISM);
        }
        p.addAll(OwnedFlinkOptions.problems(config.flink));
        checkOutput(config, p);
        checkMarket(config.input, files, p);
        Duration outOfOrderness = duration(p, "watermark.outOfOrderness",
                config.watermark.outOfOrderness);
        if (outOfOrderness != null && outOfOrderness.toMillis() < 1) {
            p.add("watermark.outOfOrderness: '" + config.watermark.outOfOrderness + "' must be at"
                    + " least 1ms: a watermark equal to the latest timestamp drops trades sharing"
                    + " that millisecond");
        }
        Duration idleness = duration(p, "watermark.idleness", config.watermark.idleness);
        if (idleness != null && idleness.isZero()) {
            p.add("watermark.idleness: must be above 0 (a source without records for this long"
                    + " stops holding the watermark back)");
        }
        duration(p, "klines.allowedLateness", config.klines.allowedLateness);
        duration(p, "klines.reorderTolerance", config.klines.reorderTolerance);
        checkContractSizes(config.klines, p);
        checkTradeSizes(config.klines, p);

        IntervalChecks intervals = new IntervalChecks(config, files, p);
        CrossSectionChecks.check(config, files, intervals.factorIntervals(), p);
        if (config.live != null) {
            try {
                config.live.toSpec();
            } catch (IllegalArgumentException e) {
                p.add(e.getMessage()); // starts with the setting's name
            }
        }
        try {
            config.factorCache.spec();
        } catch (IllegalArgumentException e) {
            p.add(e.getMessage()); // starts with the setting's name
        }
        return p;
    }

    private static boolean isMode(JobConfig config, String mode) {
        return mode.equalsIgnoreCase(config.mode);
    }

    private static void checkOutput(JobConfig config, List<String> p) {
        if (config.output == null || config.output.isBlank()) {
            p.add("output: no folder given");
        } else {
            Path output = Paths.get(config.output).toAbsolutePath().normalize();
            if (Files.exists(output) && !Files.isDirectory(output)) {
                p.add("output: " + output + " is a file, not a folder (outputs are written into a"
                        + " folder, created when missing)");
            }
        }
        for (String name : config.print) {
            if (!OUTPUTS.contains(name)) {
                p.add("print: unknown output '" + name + "'; outputs: " + String.join(", ", OUTPUTS));
            }
        }
    }

    /**
     * {@code input.market}, {@code input.symbols}, and that every input file has a market: it is
     * half of every instrument's name (spot and USD-M BTCUSDT are two instruments).
     */
    private static void checkMarket(JobConfig.Input input, List<InputFile> files, List<String> p) {
        if (!input.market.isBlank()) {
            try {
                Market.parse(input.market);
            } catch (IllegalArgumentException e) {
                p.add("input.market: '" + input.market + "' is not a market; markets: spot, usdm,"
                        + " coinm (or blank: from the archive folders)");
                return;
            }
        }
        for (String entry : input.symbols) {
            if (entry.contains(":")) {
                try {
                    Instrument.parse(entry);
                } catch (IllegalArgumentException e) {
                    p.add("input.symbols: '" + entry + "': " + e.getMessage());
                }
            }
        }
        if (files != null && input.market.isBlank()) {
            List<String> unknown = files.stream().filter(f -> f.market() == null)
                    .map(InputFile::path).toList();
            if (!unknown.isEmpty()) {
                p.add("input.market: the market of " + unknown.get(0)
                        + (unknown.size() > 1 ? " and " + (unknown.size() - 1) + " more files" : "")
                        + " is not in its folders (spot, usdm, coinm, futures/um, futures/cm); set"
                        + " input.market (klines: --market) to spot, usdm or coinm");
            }
        }
    }

    private static void checkTradeSizes(JobConfig.Klines klines, List<String> p) {
        String problem = TradeSizes.problem(klines.tradeSizes);
        if (problem != null) {
            p.add("klines.tradeSizes: " + problem + ", e.g. [1000, 10000, 100000]");
        }
    }

    private static void checkContractSizes(JobConfig.Klines klines, List<String> p) {
        klines.contractSizes.forEach((symbol, size) -> {
            if (!symbol.matches("[A-Z0-9_]+")) {
                p.add("klines.contractSizes: '" + symbol + "' is not an upper-case COIN-M symbol"
                        + " or pair, e.g. BTCUSD_PERP or BTCUSD");
            }
            if (size == null || size.signum() <= 0) {
                p.add("klines.contractSizes." + symbol + ": must be a positive number of USD per"
                        + " contract (Binance exchangeInfo contractSize), got " + size);
            }
        });
    }

    /** A Flink duration string, or null after reporting one that does not parse or is negative. */
    static Duration duration(List<String> p, String key, String text) {
        Duration d;
        try {
            d = TimeUtils.parseDuration(text);
        } catch (RuntimeException e) {
            p.add(key + ": '" + text + "' is not a duration; write a number and a unit, e.g."
                    + " 500ms, 30s, 5min, 1h");
            return null;
        }
        if (d.isNegative()) {
            p.add(key + ": '" + text + "' must not be negative");
            return null;
        }
        return d;
    }
}
