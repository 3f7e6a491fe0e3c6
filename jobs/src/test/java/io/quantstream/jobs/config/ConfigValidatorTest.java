package io.quantstream.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.factor.FactorOperator;
import io.quantstream.jobs.FileJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mistaken job config is refused when the job is defined ({@link FileJob#define}, which every
 * entry point passes before a Flink job is submitted), with a message that names the setting and
 * the valid choices. Each test makes one mistake in a config that is valid otherwise.
 */
class ConfigValidatorTest {

    @TempDir Path in;
    @TempDir Path out;

    private JobConfig config;

    /** 1m klines of AAAUSDT and BBBUSDT → 1h roll-ups → two factors → 1h cross-section → targets. */
    @BeforeEach
    void validConfig() throws IOException {
        oneMinuteKlines("AAAUSDT");
        oneMinuteKlines("BBBUSDT");
        config = new JobConfig();
        config.input.paths = List.of(in.toString());
        config.input.market = "usdm";
        config.output = out.toString();
        config.klines.intervals = List.of("1m", "1h");
        config.factors = "log_return(12),ema(12)";
        config.factorIntervals = List.of("1h");
        config.universe = new JobConfig.Universe();
        config.universe.name = "test";
        config.universe.symbols = List.of("AAAUSDT", "BBBUSDT");
        config.crossSection = new JobConfig.CrossSectionConfig();
        config.crossSection.interval = "1h";
        config.crossSection.weights = Map.of("log_return_12", -1.0);
        config.strategy = new JobConfig.Strategy();
    }

    @Test
    void theValidConfigDefinesAJob() {
        assertThatCode(this::define).doesNotThrowAnyException();
    }

    @Test
    void weightOnAFactorThatIsNotComputedIsRefused() {
        config.crossSection.weights = Map.of("log_return_24", -1.0);
        refused().hasMessage("crossSection.weights: factor 'log_return_24' is not computed;"
                + " factors: log_return_12, ema_12");
    }

    @Test
    void transformsOfTheWeightedFactorsDefineAJob() {
        config.crossSection.weights = Map.of("log_return_12", -1.0, "ema_12", 0.5);
        config.crossSection.transform = "winsorized_zscore(2.5)";
        config.crossSection.transforms = Map.of("ema_12", "rank");
        assertThatCode(this::define).doesNotThrowAnyException();
    }

    @Test
    void unknownTransformsBadLimitsAndTransformsWithoutAWeightAreRefused() {
        config.crossSection.transform = "zscores";
        config.crossSection.transforms = new java.util.LinkedHashMap<>(Map.of(
                "log_return_12", "winsorized_zscore(-2)"));
        config.crossSection.transforms.put("ema_12", "rank(3)");
        refused().hasMessageContainingAll(
                "crossSection.transform: unknown transform 'zscores'; transforms: zscore,"
                        + " winsorized_zscore(k), rank, demean, raw",
                "crossSection.transforms: log_return_12: winsorized_zscore: the limit must be a"
                        + " positive number of z-scores, got '-2'",
                "crossSection.transforms: factor 'ema_12' has no weight; weighted factors:"
                        + " log_return_12",
                "crossSection.transforms: ema_12: transform 'rank' takes no parameter, got"
                        + " 'rank(3)'");
    }

    @Test
    void crossSectionWithoutWeightsIsRefused() {
        config.crossSection.weights = Map.of();
        refused().hasMessageStartingWith("crossSection.weights: no weights")
                .hasMessageEndingWith("factors: log_return_12, ema_12");
    }

    @Test
    void crossSectionOnAnIntervalFactorsAreNotComputedOnIsRefused() {
        config.klines.intervals = List.of("1m", "1h", "4h");
        config.crossSection.interval = "4h";
        refused().hasMessage("crossSection.interval: factors are not computed on '4h'; factor"
                + " intervals: 1h (factorIntervals)");
    }

    @Test
    void withoutFactorIntervalsFactorsComeAtEveryEmittedInterval() throws IOException {
        config.factorIntervals = List.of();
        config.crossSection.interval = "4h";
        refused().hasMessage("crossSection.interval: factors are not computed on '4h'; factor"
                + " intervals: 1m, 1h (every emitted interval)");

        // a 4h kline file is passed through, so factors come at 4h too
        Files.writeString(in.resolve("AAAUSDT-4h-2024-01.csv"), "");
        assertThatCode(this::define).doesNotThrowAnyException();
    }

    @Test
    void factorIntervalThatIsNotEmittedIsRefused() {
        config.factorIntervals = List.of("1h", "4h");
        refused().hasMessage("factorIntervals: no '4h' klines are emitted; emitted intervals:"
                + " 1m, 1h (klines.intervals and the kline input files)");
    }

    @Test
    void rollUpsWithoutTradesOrOneMinuteKlinesAreRefused() throws IOException {
        Path hourly = Files.createDirectory(in.resolve("hourly"));
        Files.writeString(hourly.resolve("AAAUSDT-1h-2024-01.csv"), "");
        Files.writeString(hourly.resolve("BBBUSDT-1h-2024-01.csv"), "");
        config.input.paths = List.of(hourly.toString());
        config.klines.intervals = List.of("1m", "4h");
        config.factorIntervals = List.of();
        refused().hasMessage("klines.intervals: 4h cannot be rolled up: the input holds no trades"
                + " and no 1m klines, only 1h klines");
    }

    @Test
    void crossSectionWithoutUniverseIsRefused() {
        config.universe = null;
        config.strategy = null;
        refused().hasMessage("crossSection: there is no universe to rank; add universe.symbols");
    }

    @Test
    void crossSectionWithoutFactorsIsRefused() {
        config.factors = "";
        refused().hasMessageContaining("crossSection: there are no factors to rank; set factors");
    }

    @Test
    void strategyWithoutCrossSectionIsRefused() {
        config.crossSection = null;
        refused().hasMessage("strategy: there is no cross-section to trade; add crossSection"
                + " (interval, weights)");
    }

    @Test
    void universeSymbolWithoutInputFileIsRefused() {
        config.universe.symbols = List.of("AAAUSDT", "BBBUSDT", "XRPUSDT");
        refused().hasMessage("universe.symbols: no input file for usdm:XRPUSDT; instruments of"
                + " the input files: usdm:AAAUSDT, usdm:BBBUSDT");
    }

    @Test
    void universeSymbolOutsideInputSymbolsIsRefused() {
        config.input.symbols = List.of("AAAUSDT");
        refused().hasMessage("universe.symbols: usdm:BBBUSDT not in input.symbols;"
                + " input.symbols: AAAUSDT");
        config.input.symbols = List.of("AAAUSDT", "usdm:BBBUSDT");
        assertThatCode(this::define).doesNotThrowAnyException();
    }

    @Test
    void universeInstrumentOnAnotherMarketThanTheInputIsRefused() {
        config.universe.symbols = List.of("AAAUSDT", "spot:BBBUSDT");
        refused().hasMessage("universe.symbols: no input file for spot:BBBUSDT; instruments of"
                + " the input files: usdm:AAAUSDT, usdm:BBBUSDT");
    }

    @Test
    void inputFilesWithoutAMarketAreRefused() {
        config.input.market = "";
        config.universe.market = "usdm";
        refused().hasMessage("input.market: the market of " + in.resolve("AAAUSDT-1m-2024-01.csv")
                + " and 1 more files is not in its folders (spot, usdm, coinm, futures/um,"
                + " futures/cm); set input.market (klines: --market) to spot, usdm or coinm");
    }

    @Test
    void universeOfOneSymbolOnTwoMarketsIsValid() throws IOException {
        Path usdm = Files.createDirectories(in.resolve("usdm"));
        Files.move(in.resolve("AAAUSDT-1m-2024-01.csv"), usdm.resolve("AAAUSDT-1m-2024-01.csv"));
        Path spot = Files.createDirectories(in.resolve("spot"));
        Files.copy(usdm.resolve("AAAUSDT-1m-2024-01.csv"), spot.resolve("AAAUSDT-1m-2024-01.csv"));
        Files.delete(in.resolve("BBBUSDT-1m-2024-01.csv"));
        config.input.market = "";
        config.universe.symbols = List.of("usdm:AAAUSDT", "spot:AAAUSDT");
        assertThatCode(this::define).doesNotThrowAnyException();
    }

    @Test
    void bareUniverseSymbolWithoutAMarketIsRefused() throws IOException {
        Path usdm = Files.createDirectories(in.resolve("usdm"));
        Files.move(in.resolve("AAAUSDT-1m-2024-01.csv"), usdm.resolve("AAAUSDT-1m-2024-01.csv"));
        Files.move(in.resolve("BBBUSDT-1m-2024-01.csv"), usdm.resolve("BBBUSDT-1m-2024-01.csv"));
        config.input.market = "";
        config.universe.symbols = List.of("AAAUSDT", "usdm:BBBUSDT");
        refused().hasMessage("universe.symbols: 'AAAUSDT' names no market; write usdm:AAAUSDT"
                + " (markets: spot, usdm, coinm) or set universe.market");
        config.universe.market = "usdm";
        assertThatCode(this::define).doesNotThrowAnyException();
        config.universe.market = "perp";
        refused().hasMessage("universe.market: 'perp' is not a market; markets: spot, usdm,"
                + " coinm");
    }

    @Test
    void universeIsNotCheckedAgainstCapturesWhoseSymbolsAreInTheMessages() throws IOException {
        Files.writeString(in.resolve("xrpusdt_20240101.gz"), "");
        config.universe.symbols = List.of("AAAUSDT", "XRPUSDT");
        assertThatCode(this::define).doesNotThrowAnyException();
    }

    @Test
    void lowerCaseUniverseSymbolIsRefused() {
        config.universe.symbols = List.of("AAAUSDT", "bbbusdt");
        refused().hasMessage("universe.symbols: 'bbbusdt' is not an upper-case symbol such as"
                + " BTCUSDT (or market:SYMBOL, e.g. usdm:BTCUSDT)");
    }

    @Test
    void unknownIntervalLabelIsRefused() {
        config.klines.intervals = List.of("1m", "7m", "1h");
        refused().hasMessage("klines.intervals: '7m' is not an interval; intervals: 1m, 3m, 5m,"
                + " 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d");
    }

    @Test
    void intervalWrittenOtherwiseThanBinanceIsRefused() {
        config.klines.intervals = List.of("1m", "60m");
        config.factorIntervals = List.of("60m");
        config.crossSection.interval = "60m";
        refused().hasMessageContaining("klines.intervals: write '1h', not '60m'")
                .hasMessageContaining("factorIntervals: write '1h', not '60m'")
                .hasMessageContaining("crossSection.interval: write '1h', not '60m'");
    }

    @Test
    void badDurationIsRefused() {
        config.watermark.idleness = "30x";
        refused().hasMessage("watermark.idleness: '30x' is not a duration; write a number and a"
                + " unit, e.g. 500ms, 30s, 5min, 1h");
    }

    @Test
    void zeroIdlenessIsRefused() {
        config.watermark.idleness = "0s";
        refused().hasMessageStartingWith("watermark.idleness: must be above 0");
    }

    @Test
    void watermarkWithoutSlackIsRefused() {
        config.watermark.outOfOrderness = "0ms";
        refused().hasMessageStartingWith("watermark.outOfOrderness: '0ms' must be at least 1ms");
    }

    @Test
    void nonPositiveParallelismIsRefused() {
        config.parallelism = 0;
        refused().hasMessage("parallelism: 0 is not between 1 and the max parallelism 128");
    }

    @Test
    void unknownModeIsRefused() {
        config.mode = "backtest";
        refused().hasMessage("mode: 'backtest' is not a runtime mode; modes: streaming, batch,"
                + " automatic");
    }

    /** The runtime mode has one setting: {@code flink:} would override what the checks saw. */
    @Test
    void flinkOptionsThatTheConfigsOwnSettingsSetAreRefusedNamingThoseSettings() {
        config.flink.put("execution.runtime-mode", "batch");
        refused().hasMessage("flink.execution.runtime-mode: not a flink: option here; the runtime"
                + " mode is the config's mode setting: write mode: streaming, batch or automatic");
        config.flink.clear();
        config.flink.put("parallelism.default", "500");
        config.flink.put("pipeline.max-parallelism", "256");
        refused().hasMessage("2 mistakes in the job config:\n"
                + "  flink.parallelism.default: not a flink: option here; the parallelism is the"
                + " config's parallelism setting: write parallelism: N\n"
                + "  flink.pipeline.max-parallelism: not a flink: option here; every job keeps 128"
                + " (the key groups its savepoints split keyed state into)");
    }

    @Test
    void automaticModeDefinesAJob() {
        config.mode = "automatic";
        assertThatCode(this::define).doesNotThrowAnyException();
    }

    @Test
    void unknownFactorIsRefused() {
        config.factors = "log_return(12),ema(12),momentum(3)";
        refused().hasMessageStartingWith("factors: unknown factor 'momentum(3)' (known: sma(n),");
    }

    @Test
    void unknownPluginFactorAndWeightingAreRefusedListingWhatIsOnTheClassPath() {
        config.factors = "log_return(12),kama(10)";
        config.strategy.weighting = "top_bottom(count=1)";
        refused().hasMessageContaining("factors: unknown factor 'kama(10)'")
                .hasMessageContaining("plug-ins: none on the class path")
                .hasMessageContaining("strategy.weighting: unknown weighting 'top_bottom(count=1)';"
                        + " weightings: dollar_neutral");
    }

    @Test
    void unknownMarketIsRefused() {
        config.input.market = "perp";
        refused().hasMessageStartingWith("input.market: 'perp' is not a market; markets: spot,"
                + " usdm, coinm");
    }

    @Test
    void contractSizeThatIsNotPositiveOrKeyedInLowerCaseIsRefused() {
        config.klines.contractSizes = Map.of("BTCUSD", java.math.BigDecimal.ZERO);
        refused().hasMessage("klines.contractSizes.BTCUSD: must be a positive number of USD per"
                + " contract (Binance exchangeInfo contractSize), got 0");
        config.klines.contractSizes = Map.of("ethusd_perp", java.math.BigDecimal.TEN);
        refused().hasMessage("klines.contractSizes: 'ethusd_perp' is not an upper-case COIN-M"
                + " symbol or pair, e.g. BTCUSD_PERP or BTCUSD");
    }

    @Test
    void tradeSizeThresholdsThatAreNotThreeIncreasingNotionalsAreRefused() {
        config.klines.tradeSizes = List.of(java.math.BigDecimal.ONE, java.math.BigDecimal.TEN);
        refused().hasMessage("klines.tradeSizes: needs 3 notional thresholds (quote currency) for"
                + " 4 size buckets, got 2, e.g. [1000, 10000, 100000]");
        config.klines.tradeSizes = List.of(java.math.BigDecimal.TEN, java.math.BigDecimal.TEN,
                java.math.BigDecimal.valueOf(100));
        refused().hasMessage("klines.tradeSizes: thresholds must increase: 10 then 10, e.g. [1000,"
                + " 10000, 100000]");
    }

    @Test
    void unknownPrintedOutputIsRefused() {
        config.print = List.of("orders");
        refused().hasMessage("print: unknown output 'orders'; outputs: klines, factors,"
                + " cross-sections, target-positions, trade-gaps, non-market-trades, dead-letters");
    }

    @Test
    void outputThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(out.resolve("notes.txt"), "");
        config.output = file.toString();
        refused().hasMessageStartingWith("output: " + file + " is a file, not a folder");
    }

    @Test
    void nonPositiveStrategyParametersAreRefused() {
        config.strategy.grossLeverage = 0;
        config.strategy.maxWeight = Double.POSITIVE_INFINITY;
        refused().hasMessageContaining("strategy.grossLeverage: must be a positive number")
                .hasMessageContaining("strategy.maxWeight: must be a positive number");
    }

    @Test
    void inputPathThatDoesNotExistIsRefused() {
        Path missing = in.resolve("nonexistent");
        config.input.paths = List.of(in.toString(), missing.toString());
        refused().hasMessage("no such file or folder: " + missing
                + " (expected Binance archive files or websocket captures)");
    }

    /** 1 GiB holds far more than 7 keys of two small factors; 0 bytes still keeps one. */
    @Test
    void theFactorCacheSettingsReachTheFactorOperator() {
        config.factorCache.memory = "1gb";
        config.factorCache.maxKeys = 7;
        assertThat(factorOperator().cachedKeys()).isEqualTo(7);

        config.factorCache.memory = "0b";
        assertThat(factorOperator().cachedKeys()).isEqualTo(1);
    }

    @Test
    void aFactorCacheThatIsNotAMemorySizeWithAUnitOrKeepsNoKeyIsRefused() {
        config.factorCache.memory = "lots";
        refused().hasMessage("factorCache.memory: 'lots' is not a memory size, e.g. 64mb or 1gb");
        config.factorCache.memory = "64";
        refused().hasMessage("factorCache.memory: '64' has no unit; Flink reads a bare number as"
                + " bytes: write the unit, e.g. 64mb (b, kb, mb, gb)");
        config.factorCache.memory = "64mb";
        config.factorCache.maxKeys = 0;
        refused().hasMessage("factorCache.maxKeys: 0 must be at least 1");
    }

    @Test
    void everyMistakeIsReportedAtOnce() {
        config.mode = "backtest";
        config.crossSection.weights = Map.of("log_return_24", -1.0);
        refused().hasMessage("2 mistakes in the job config:\n"
                + "  mode: 'backtest' is not a runtime mode; modes: streaming, batch, automatic\n"
                + "  crossSection.weights: factor 'log_return_24' is not computed; factors:"
                + " log_return_12, ema_12");
    }

    private FactorOperator<?> factorOperator() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        FileJob.define(env, config);
        return env.getStreamGraph().getStreamNodes().stream()
                .filter(n -> n.getOperatorName().startsWith("factors ["))
                .map(n -> (FactorOperator<?>) ((SimpleOperatorFactory<?>) n.getOperatorFactory()).getOperator())
                .findFirst().orElseThrow();
    }

    private void define() {
        FileJob.define(StreamExecutionEnvironment.getExecutionEnvironment(), config);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refused() {
        return assertThatThrownBy(this::define).isInstanceOf(IllegalArgumentException.class);
    }

    /** An archive 1m kline file (one bar; the content is read only when a job runs). */
    private void oneMinuteKlines(String symbol) throws IOException {
        Files.writeString(in.resolve(symbol + "-1m-2024-01.csv"),
                "1704067200000,1.0,1.0,1.0,1.0,1,1704067259999,1,1,0,0,0\n");
    }
}
