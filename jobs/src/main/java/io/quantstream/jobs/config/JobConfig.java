package io.quantstream.jobs.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.TimeUtils;

/**
 * Everything a quantstream job is told from outside: inputs, intervals, factor set, universe,
 * strategy parameters and raw Flink options. Read from YAML by {@link ConfigLoader}; every key can
 * be overridden on the command line as {@code --key.path value}. Durations are Flink duration
 * strings ({@code 500ms}, {@code 2s}, {@code 1min}). Secrets never live here (environment only).
 * {@link ConfigValidator} checks the whole config against its inputs before a job is built.
 */
public class JobConfig {

    /** Job name shown in the Flink web UI. */
    public String name = "quantstream";
    /** {@code streaming} or {@code batch}: the same stages give the same output in both. */
    public String mode = "streaming";
    /** Default parallelism of the keyed stages. */
    public int parallelism = 2;
    /** Where market data comes from. */
    public Input input = new Input();
    /** Output folder: kline CSVs and JSON-lines files. */
    public String output = "out";
    /**
     * Outputs also printed to the task managers' stdout: any of {@code klines}, {@code factors},
     * {@code cross-sections}, {@code target-positions}, {@code trade-gaps},
     * {@code non-market-trades}, {@code dead-letters}.
     */
    public List<String> print = new ArrayList<>();
    public Watermarks watermark = new Watermarks();
    public Klines klines = new Klines();
    /** Factor set, e.g. {@code ema(20),rsi(14),log_return(5)}; empty = no factors. */
    public String factors = "";
    /** Kline intervals factors are computed on; empty = every emitted interval. */
    public List<String> factorIntervals = new ArrayList<>();
    /** The symbols a cross-section ranks; absent = no cross-section and no strategy. */
    public Universe universe;
    public CrossSectionConfig crossSection;
    public Strategy strategy;
    /** Where the Iceberg tables live ({@code load}, and the jobs that read or write tables). */
    public CatalogConfig catalog = new CatalogConfig();
    /** Raw Flink options ({@code state.backend.type: rocksdb}, checkpointing …), applied last. */
    public Map<String, String> flink = new LinkedHashMap<>();

    /** Input files or folders (Binance archive layout or websocket captures). */
    public static class Input {
        /** Files or folders; relative ones resolve against {@link #dataDir} when set. */
        public List<String> paths = new ArrayList<>();
        /** Base folder for relative {@link #paths}; blank = the working directory. */
        public String dataDir = "";
        /** {@code spot}, {@code usdm} or {@code coinm}; blank = from the archive path. */
        public String market = "";
        /** Symbol for files whose name does not say it; blank = from message or file name. */
        public String symbol = "";
        /** Symbols accepted by validation; empty = all. Others become dead letters. */
        public List<String> symbols = new ArrayList<>();
    }

    /** Event-time watermarks, generated per input group before any keyBy (DESIGN.md rule 1). */
    public static class Watermarks {
        /** Bounded out-of-orderness; at least 1 ms (trades share the window's last millisecond). */
        public String outOfOrderness = "1s";
        /** A source without records for this long stops holding the watermark back. */
        public String idleness = "30s";

        public Duration outOfOrdernessDuration() {
            Duration d = TimeUtils.parseDuration(outOfOrderness);
            if (d.toMillis() < 1) {
                throw new IllegalArgumentException(
                        "watermark.outOfOrderness must be at least 1ms: a watermark equal to the"
                                + " latest timestamp drops trades sharing that millisecond");
            }
            return d;
        }

        public Duration idlenessDuration() {
            return TimeUtils.parseDuration(idleness);
        }
    }

    /** Kline aggregation. */
    public static class Klines {
        /** Intervals to emit; 1m is always aggregated, listed or not. */
        public List<String> intervals = new ArrayList<>(List.of("1m"));
        /** How long after a bar's close trades are still accepted into it. */
        public String allowedLateness = "0s";
        /** Event-time window in which trade ids may arrive out of order before a gap is reported. */
        public String reorderTolerance = "1s";

        public Duration allowedLatenessDuration() {
            return TimeUtils.parseDuration(allowedLateness);
        }

        public Duration reorderToleranceDuration() {
            return TimeUtils.parseDuration(reorderTolerance);
        }
    }

    /** A named set of symbols. */
    public static class Universe {
        public String name = "default";
        public List<String> symbols = new ArrayList<>();
    }

    /** How factors combine into one cross-sectional score. */
    public static class CrossSectionConfig {
        /** Interval of the bars ranked. */
        public String interval = "1h";
        /** How long past a bar's close the watermark may go before it proceeds incomplete. */
        public String maxWait = "0s";
        /** Factor name → weight of its z-score (negative = contrarian). */
        public Map<String, Double> weights = new LinkedHashMap<>();
    }

    /** A dollar-neutral long/short strategy on the cross-section's scores. */
    public static class Strategy {
        /** Becomes the {@code reference} of every target position. */
        public String name = "xs-long-short";
        /** Σ|weight|. */
        public double grossLeverage = 1.0;
        /** Cap on any |weight|. */
        public double maxWeight = 0.25;
        /** Equity the weights apply to, quote currency. */
        public BigDecimal equity = new BigDecimal("100000");
    }
}
