package io.quantstream.jobs.config;

import com.fasterxml.jackson.annotation.JsonMerge;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.quantstream.connectors.binance.source.BinanceLiveConfig;
import io.quantstream.connectors.kafka.TopicSpec;
import io.quantstream.kline.TradeSizes;
import io.quantstream.model.Instrument;
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
    /**
     * {@code streaming}, {@code batch} (the same stages give the same output in both) or
     * {@code automatic} (Flink's: BATCH when every source is bounded); Flink's
     * {@code execution.runtime-mode}, which {@link #flink} does not take.
     */
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
    /**
     * Factor set ({@link io.quantstream.factor.FactorSet#parse}), comma-separated: built-in
     * factors, sets and named expressions, e.g. {@code rsi(14),alpha158,MOM=$close/Ref($close,
     * 24)-1}; empty = no factors. In YAML also a list of items, a map of names to expressions,
     * or a list of both ({@link FactorItems}).
     */
    public String factors = "";
    /** Kline intervals factors are computed on; empty = every emitted interval. */
    public List<String> factorIntervals = new ArrayList<>();
    /** Heap the factor stage keeps factor histories in between klines (STREAMING). */
    public FactorCacheConfig factorCache = new FactorCacheConfig();

    @JsonSetter("factors")
    void readFactors(JsonNode node) {
        factors = FactorItems.join(node);
    }
    /** The instruments a cross-section ranks; absent = no cross-section and no strategy. */
    public Universe universe;
    public CrossSectionConfig crossSection;
    public Strategy strategy;
    /** How the strategy's targets are filled and accounted for (backtests). */
    public Execution execution = new Execution();
    /** The history a backtest reads and where its report goes ({@code BacktestJob}). */
    public Backtest backtest = new Backtest();
    /** Where the Iceberg tables live ({@code load}, and the jobs that read or write tables). */
    public CatalogConfig catalog = new CatalogConfig();
    /** Which tables of {@link #catalog} the jobs on Kafka also write, and their maintenance. */
    public Iceberg iceberg = new Iceberg();
    /**
     * Raw Flink options ({@code state.backend.type: rocksdb}, checkpointing …), applied last;
     * not those a setting owns ({@link OwnedFlinkOptions}: {@code execution.runtime-mode} is
     * {@link #mode}, {@code parallelism.default} is {@link #parallelism}).
     */
    public Map<String, String> flink = new LinkedHashMap<>();
    /** The Kafka cluster and topics of the live jobs. */
    public Kafka kafka = new Kafka();
    /** The Binance instruments and endpoints {@code IngestJob} follows; absent = no live source. */
    public BinanceLiveConfig live;

    /**
     * The instruments of {@link #universe} ({@link UniverseInstruments}); empty without one.
     *
     * @throws InvalidConfigException when an entry is not an instrument
     */
    public List<Instrument> universeInstruments() {
        return universe == null ? List.of() : UniverseInstruments.of(this);
    }

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
        /**
         * What validation accepts: symbols (on every market, {@code BTCUSDT}) and instruments
         * ({@code usdm:BTCUSDT}); empty = all. Others become dead letters.
         */
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
        /**
         * COIN-M contract sizes, USD per contract, by symbol or pair ({@code BTCUSD_PERP: 100},
         * {@code ETHUSD: 10}); unlisted: 100 for the {@code BTCUSD} pair, 10 for the others.
         * They turn contracts into the base asset volumes of COIN-M klines.
         */
        public Map<String, BigDecimal> contractSizes = new LinkedHashMap<>();
        /**
         * The three notional thresholds (quote currency, increasing) of the four trade-size
         * buckets of klines made from trades ({@code TradeSizes}): size1 below the first, size4
         * at or above the last.
         */
        public List<BigDecimal> tradeSizes = new ArrayList<>(TradeSizes.DEFAULT_THRESHOLDS);

        public Duration allowedLatenessDuration() {
            return TimeUtils.parseDuration(allowedLateness);
        }

        public Duration reorderToleranceDuration() {
            return TimeUtils.parseDuration(reorderTolerance);
        }
    }

    /** A named set of instruments (market and symbol), see {@link UniverseInstruments}. */
    public static class Universe {
        public String name = "default";
        /** {@code spot}, {@code usdm} or {@code coinm}: market of bare symbols; blank = input's. */
        public String market = "";
        /** Instruments: {@code usdm:BTCUSDT}, or {@code BTCUSDT} on {@link #market}. */
        public List<String> symbols = new ArrayList<>();
    }

    /** How factors combine into one cross-sectional score. */
    public static class CrossSectionConfig {
        /** Interval of the bars ranked. */
        public String interval = "1h";
        /** How long past a bar's close the watermark may go before it proceeds incomplete. */
        public String maxWait = "0s";
        /** Factor name → weight of its transformed value (negative = contrarian). */
        public Map<String, Double> weights = new LinkedHashMap<>();
        /**
         * Transform of every weighted factor's values across the universe before they are
         * weighted: {@code zscore}, {@code winsorized_zscore(k)}, {@code rank}, {@code demean}
         * or {@code raw} ({@code CrossSectionTransform}).
         */
        public String transform = "zscore";
        /** Factor name → its transform, where it is not {@link #transform}. */
        public Map<String, String> transforms = new LinkedHashMap<>();
    }

    /** A long/short strategy on the cross-section's scores. */
    public static class Strategy {
        /** Becomes the {@code reference} of every target position. */
        public String name = "xs-long-short";
        /**
         * How scores become target weights: {@code dollar_neutral} (built in) or a strategy
         * plug-in on the class path, with its parameters ({@code top_bottom(count=2)};
         * {@code io.quantstream.portfolio.Weightings}). Every weighting is held to
         * {@link #grossLeverage} and {@link #maxWeight}.
         */
        public String weighting = "dollar_neutral";
        /** Σ|weight|. */
        public double grossLeverage = 1.0;
        /** Cap on any |weight|. */
        public double maxWeight = 0.25;
        /** Equity the weights apply to, quote currency. */
        public BigDecimal equity = new BigDecimal("100000");
    }

    /**
     * Simulated execution and ledger: a target decided at a bar's close fills at the next 1m
     * open, sized on the ledger's equity less {@link #cashBuffer} (see the execution package).
     */
    public static class Execution {
        /** Fraction of equity left unallocated when weights become quantities, in [0, 1). */
        public double cashBuffer = 0.02;
        /**
         * Slippage and taker fee by market ({@code usdm}, {@code spot}); a market or figure not
         * given keeps Binance's Regular tier (USD-M 2 bps slippage, 5 bps fee; spot 2 and 10).
         */
        public Map<String, Costs> costs = new LinkedHashMap<>();
        /** Order limits by instrument ({@code usdm:BTCUSDT}); unlisted: none. */
        public Map<String, Lot> lots = new LinkedHashMap<>();
    }

    /** One market's order costs, basis points (1 bp = 0.01 %); null = the default. */
    public static class Costs {
        /** How far the fill is from the bar's open, against the order. */
        public BigDecimal slippageBps;
        /** Fee on the filled notional. */
        public BigDecimal takerFeeBps;
    }

    /** One instrument's order limits (Binance LOT_SIZE and MIN_NOTIONAL); null = none. */
    public static class Lot {
        /** Quantities are multiples of it, rounded toward zero. */
        public BigDecimal stepSize;
        /** Orders below this notional (quote currency) are skipped. */
        public BigDecimal minNotional;
    }

    /** A backtest over the Iceberg tables of {@link #catalog}. */
    public static class Backtest {
        /** {@link #input}: 1m bars from {@code market.klines}. */
        public static final String KLINES = "klines";
        /** {@link #input}: trades from {@code market.trades}, made into 1m bars by the kline stages. */
        public static final String TRADES = "trades";

        /**
         * What the backtest reads: {@value #KLINES} (the 1m bars of {@code market.klines}) or
         * {@value #TRADES} (the trades of {@code market.trades}, through the live jobs' trade
         * validation and kline stages: exact 1m bars with trade statistics, trade gaps reported).
         */
        public String input = KLINES;
        /**
         * First day ({@code 2026-02-01}: from its start, UTC) or instant
         * ({@code 2026-02-14T07:00:00Z}) of the bars read; blank = the first bar in the table.
         */
        public String from = "";
        /**
         * Last day, inclusive ({@code 2026-02-28}: to its end, UTC), or an instant the bars read
         * close before ({@code 2026-02-14T07:00:00Z}); blank = the last bar in the table.
         */
        public String to = "";
        /** The run's report folder; blank = {@code out/backtests/<run id>}. */
        public String output = "";
    }

    /**
     * Iceberg tables the jobs on Kafka write besides their topics, exactly once (committed with
     * each checkpoint), and how {@code TableMaintenanceJob} keeps them compacted.
     */
    public static class Iceberg {
        /**
         * Tables to write: {@code market.trades} (validated trades), {@code market.klines},
         * {@code research.factors}, {@code trading.target_positions}; empty = none. Each job
         * writes those of the streams it produces ({@code MarketDataJob}: trades and klines).
         */
        public List<String> tables = new ArrayList<>();
        /** {@code run_id} of the target positions written; blank = {@link JobConfig#name}. */
        public String runId = "";
        public Maintenance maintenance = new Maintenance();
    }

    /** {@code TableMaintenanceSpec}: compaction and snapshot expiry; defaults and reasons there. */
    public static class Maintenance {
        /** Added data files of a table that trigger a compaction. */
        public int rewriteAfterFiles = 100;
        /** Time since a table's last compaction that triggers one. */
        public String rewriteInterval = "1h";
        /** Fewest small files of a partition worth rewriting. */
        public int rewriteMinInputFiles = 5;
        /** Time between two snapshot expiries. */
        public String expireInterval = "1h";
        /** Snapshots younger than this are kept (at least 1h: a restored writer needs its last). */
        public String maxSnapshotAge = "1d";
        /** This many latest snapshots are kept whatever their age. */
        public int retainLast = 100;
        /** Least time between two maintenance runs of a table. */
        public String rateLimit = "1min";
    }

    /** Where the Kafka cluster is and the topics the live jobs read and write. */
    public static class Kafka {
        /** {@code bootstrap.servers}; the default is the broker of {@code bin/quantstream kafka start}. */
        public String bootstrapServers = "localhost:9092";
        public Topics topics = new Topics();
        /**
         * Delivery guarantee of the {@code target-positions} sink: {@code exactly-once} (records
         * visible to {@code read_committed} consumers when the checkpoint after them completes) or
         * {@code at-least-once} (visible at once; after a restore the targets since the last
         * checkpoint are written again, with the same values). Every other sink is exactly once.
         */
        public String targetPositionsDelivery = EXACTLY_ONCE;
        /**
         * Whether the jobs read their input topic only up to the offsets it had when they started,
         * then end (a backfill, a test) instead of running until cancelled.
         */
        public boolean bounded;

        public static final String EXACTLY_ONCE = "exactly-once";
        public static final String AT_LEAST_ONCE = "at-least-once";
    }

    /**
     * The topics by role ({@code sql/kafka-topics.sql} has their schemas). A YAML entry changes only
     * the settings it names: {@code kafka: {topics: {trades: {partitions: 8}}}} keeps the name.
     */
    public static class Topics {
        /** Validated trades; key = instrument. */
        @JsonMerge public Topic trades = new Topic("trades", 4, Map.of());
        /** Trades the ingest job could not fetch from the exchange, with the reason; key = instrument. */
        @JsonMerge public Topic tradeGaps = new Topic("trade-gaps", 1, Map.of());
        /** Final klines of every interval; key = instrument. */
        @JsonMerge public Topic klines = new Topic("klines", 4, Map.of());
        /** Factor vectors; key = instrument. */
        @JsonMerge public Topic factors = new Topic("factors", 4, Map.of());
        /** Cross-sections; key = {@code universe|interval}. */
        @JsonMerge public Topic crossSections = new Topic("cross-sections", 1, Map.of());
        /** Target positions, the latest per key kept (compacted); key = {@code reference|instrument}. */
        @JsonMerge public Topic targetPositions =
                new Topic("target-positions", 4, Map.of("cleanup.policy", "compact"));
        /**
         * The change of each target ({@code TargetDelta}), for an order router that trades
         * differences; key = {@code reference|instrument}, partitioned like the targets.
         */
        @JsonMerge public Topic targetDeltas = new Topic("target-deltas", 4, Map.of());
        /** STOP / FLAT / RESUME commands to the portfolio stage; key = strategy or {@code *}. */
        @JsonMerge public Topic control = new Topic("control", 1, Map.of());
        /** What each control command did to each strategy; key = strategy. */
        @JsonMerge public Topic controlActions = new Topic("control-actions", 1, Map.of());
        /** Rejected records of every job, with their reason. */
        @JsonMerge public Topic deadLetters = new Topic("dead-letters", 1, Map.of());

        /** Every topic, in the order above. */
        public List<Topic> all() {
            return List.copyOf(byRole().values());
        }

        /**
         * Every topic by its role's key under {@code kafka.topics} ({@code tradeGaps} …), in the
         * order above.
         */
        public Map<String, Topic> byRole() {
            Map<String, Topic> roles = new LinkedHashMap<>();
            roles.put("trades", trades);
            roles.put("tradeGaps", tradeGaps);
            roles.put("klines", klines);
            roles.put("factors", factors);
            roles.put("crossSections", crossSections);
            roles.put("targetPositions", targetPositions);
            roles.put("targetDeltas", targetDeltas);
            roles.put("control", control);
            roles.put("controlActions", controlActions);
            roles.put("deadLetters", deadLetters);
            return roles;
        }
    }

    /** One topic: what {@code kafka start} creates when it is missing. */
    public static class Topic {
        public String name;
        public int partitions = 1;
        /** Topic configs, e.g. {@code cleanup.policy: compact}, {@code retention.ms: 604800000}. */
        @JsonMerge public Map<String, String> configs = new LinkedHashMap<>();

        public Topic() {}

        Topic(String name, int partitions, Map<String, String> configs) {
            this.name = name;
            this.partitions = partitions;
            this.configs.putAll(configs);
        }

        /** @throws IllegalArgumentException on a blank name or fewer than 1 partition */
        public TopicSpec spec() {
            return new TopicSpec(name, partitions, configs);
        }
    }
}
