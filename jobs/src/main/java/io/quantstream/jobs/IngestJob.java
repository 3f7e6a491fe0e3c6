package io.quantstream.jobs;

import io.quantstream.connectors.binance.source.BackfillGap;
import io.quantstream.connectors.binance.source.BinanceLiveSource;
import io.quantstream.connectors.binance.source.LiveRecord;
import io.quantstream.connectors.binance.source.LiveRecordRouter;
import io.quantstream.connectors.binance.source.LiveSourceSpec;
import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.config.ConfigValidator;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetterCounter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Instrument;
import io.quantstream.model.Trade;
import io.quantstream.model.TradeGap;
import io.quantstream.trade.TradeStages;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live trades from Binance into Kafka: the websocket source ({@link BinanceLiveSource}: one split
 * per instrument, REST backfill after reconnects and restores) → the validate stage
 * ({@link TradeStages#validate}, chained to the source) → topic {@code trades}, key = instrument,
 * exactly once. Trades the exchange could no longer serve go to {@code trade-gaps} as {@link
 * TradeGap}s with their reason; messages that did not decode (stages {@code decode},
 * {@code source}) and trades validation rejected ({@code validate}) go to {@code dead-letters}.
 *
 * <pre>{@code flink run -c io.quantstream.jobs.IngestJob jobs/target/quantstream-jobs.jar \
 *     --config config/ingest.yaml [--key.path value ...]}</pre>
 *
 * <p>Each sink writes in Kafka transactions committed when a checkpoint completes, so readers
 * ({@code read_committed}) see the trades up to one checkpoint interval late; {@link
 * #configuration} turns checkpointing on (every second, unless the config's {@code flink:}
 * options set {@code execution.checkpointing.interval}). Transactional-id prefix of a sink:
 * {@code <name>-<topic>} (config {@code name}, default {@code quantstream}), stable across
 * restarts; two ingest jobs on one Kafka cluster need different names. The topics must exist.
 */
public final class IngestJob {

    /** Records become visible to readers when a checkpoint completes: this bounds the latency. */
    static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

    private static final String SOURCE_ID = "binance-live";

    private final Source<LiveRecord, ?, ?> source;
    private final Set<String> instruments;
    private final Sink<Trade> trades;
    private final Sink<TradeGap> tradeGaps;
    private final Sink<DeadLetter> deadLetters;

    /**
     * @param source the live records: trades, gaps and dead letters ({@link BinanceLiveSource})
     * @param instruments what the source follows, {@code MARKET:SYMBOL}: the trades validation
     *     keeps, and one split each (no more readers than instruments)
     */
    public IngestJob(Source<LiveRecord, ?, ?> source, Set<String> instruments, Sink<Trade> trades,
            Sink<TradeGap> tradeGaps, Sink<DeadLetter> deadLetters) {
        this.source = source;
        this.instruments = Set.copyOf(instruments);
        this.trades = trades;
        this.tradeGaps = tradeGaps;
        this.deadLetters = deadLetters;
    }

    /**
     * The job writing to the config's Kafka cluster and topics ({@code kafka.topics.trades},
     * {@code tradeGaps}, {@code deadLetters}), each sink exactly once under its own prefix.
     */
    public static IngestJob toKafka(Source<LiveRecord, ?, ?> source, LiveSourceSpec spec, JobConfig config) {
        String bootstrap = config.kafka.bootstrapServers;
        JobConfig.Topics topics = config.kafka.topics;
        return new IngestJob(source,
                spec.instruments().stream().map(Instrument::key).collect(Collectors.toSet()),
                JsonRecords.TRADES.exactlyOnceSink(bootstrap, topics.trades.name,
                        config.name + "-" + topics.trades.name),
                JsonRecords.TRADE_GAPS.exactlyOnceSink(bootstrap, topics.tradeGaps.name,
                        config.name + "-" + topics.tradeGaps.name),
                JsonRecords.DEAD_LETTERS.exactlyOnceSink(bootstrap, topics.deadLetters.name,
                        config.name + "-" + topics.deadLetters.name));
    }

    /**
     * The Flink configuration of the job ({@link JobEnvironment#configuration}) with checkpointing
     * on: every second unless the config sets an interval.
     */
    public static Configuration configuration(JobConfig config) {
        Configuration conf = JobEnvironment.configuration(config);
        if (!conf.contains(CheckpointingOptions.CHECKPOINTING_INTERVAL)) {
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, DEFAULT_CHECKPOINT_INTERVAL);
        }
        return conf;
    }

    /**
     * Adds the job to {@code env}: the source, router, validation and the three sinks run chained,
     * at the environment's parallelism or one per instrument if there are fewer.
     */
    public void define(StreamExecutionEnvironment env) {
        int parallelism = Math.min(env.getParallelism(), instruments.size());
        SingleOutputStreamOperator<Trade> routed = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "binance live",
                        TypeInformation.of(LiveRecord.class))
                .uid(SOURCE_ID).setParallelism(parallelism)
                .process(new LiveRecordRouter(), TypeInformation.of(Trade.class))
                .uid(SOURCE_ID + "-router").name("route live records").setParallelism(parallelism);
        SingleOutputStreamOperator<Trade> valid = TradeStages.validate(routed, instruments, SOURCE_ID);

        valid.sinkTo(trades).uid("ingest-trades").name("trades to kafka").setParallelism(parallelism);
        routed.getSideOutput(LiveRecordRouter.GAPS)
                .map(new GapReport(), TypeInformation.of(TradeGap.class))
                .uid("ingest-gap-report").name("report gaps").setParallelism(parallelism)
                .sinkTo(tradeGaps).uid("ingest-trade-gaps").name("trade gaps to kafka")
                .setParallelism(parallelism);
        DeadLetterCounter.count(routed.getSideOutput(DeadLetters.TAG)
                        .union(valid.getSideOutput(DeadLetters.TAG)))
                .setParallelism(parallelism)
                .sinkTo(deadLetters).uid("ingest-dead-letters").name("dead letters to kafka")
                .setParallelism(parallelism);
    }

    /** {@code flink run} entry point: {@code --config FILE} and {@code --key.path value} overrides. */
    public static void main(String[] args) throws Exception {
        JobConfig config = ConfigLoader.fromArgs(args);
        LiveSourceSpec spec = ConfigValidator.validateLive(config); // before Flink sees any setting
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration(config));
        toKafka(new BinanceLiveSource(spec), spec, config).define(env);
        env.execute(config.name);
    }

    /**
     * A gap the source could not fill, as the {@link TradeGap} the topic holds; logged with what
     * the record leaves out (aggTrade ids, the exchange's answer).
     */
    static final class GapReport implements MapFunction<BackfillGap, TradeGap> {
        private static final long serialVersionUID = 1L;
        private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

        @Override
        public TradeGap map(BackfillGap gap) {
            LOG.warn("trades the exchange did not serve: {}", gap);
            return gap.toTradeGap();
        }
    }
}
