package io.quantstream.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.ledger.LedgerStages;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Fill;
import io.quantstream.model.FundingRate;
import io.quantstream.model.Instrument;
import io.quantstream.model.Kline;
import io.quantstream.model.LedgerEntry;
import io.quantstream.model.Market;
import io.quantstream.model.TargetPosition;
import io.quantstream.portfolio.StrategySpec;
import io.quantstream.testing.Harnesses;
import io.quantstream.testing.MiniClusters;
import io.quantstream.testing.RealKlines;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Simulated execution and ledger on a MiniCluster over the real 2026-02 USD-M 1m klines of
 * DOTUSDT and LINKUSDT (80,640 bars), with an hourly long/short target stream decided from the
 * klines (long the one that rose more in the hour just closed), funding every 8 hours and
 * mark-price bars for DOTUSDT only (every minute, the open 3 bps above the traded open, so
 * DOTUSDT's funding is at the mark price and LINKUSDT's at the last close): STREAMING and BATCH
 * give the same fills, funding and ledger, record for record and timestamp for timestamp; and
 * BATCH over the input truncated at a bar close gives the same up to it.
 */
class ExecutionParityITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final String STRATEGY = "hourly-pair";
    private static final long HOUR = 3_600_000L;
    private static final BigDecimal MARK_PREMIUM = new BigDecimal("1.0003");
    private static List<Kline> klines;
    private static List<TargetPosition> targets;
    private static List<FundingRate> funding;
    private static List<Kline> markPrices;
    /** Whether {@link #run} feeds the execution {@link ExecutionStages#accountBars} only. */
    private static boolean accountBarsOnly;

    @BeforeAll
    static void readData() throws Exception {
        List<Kline> dot = RealKlines.february2026("DOTUSDT");
        List<Kline> link = RealKlines.february2026("LINKUSDT");
        klines = new ArrayList<>(dot);
        klines.addAll(link);
        // one source with monotonous timestamps: the two instruments' bars interleaved by time
        klines.sort(Comparator.comparingLong((Kline k) -> k.closeTime).thenComparing(k -> k.symbol));
        targets = new ArrayList<>();
        for (int hour = 1; hour * 60 <= dot.size(); hour++) {
            Kline dotLast = dot.get(hour * 60 - 1);
            Kline linkLast = link.get(hour * 60 - 1);
            BigDecimal dotReturn = dotLast.close.divide(dot.get(hour * 60 - 60).open, MathContext.DECIMAL64);
            BigDecimal linkReturn = linkLast.close.divide(link.get(hour * 60 - 60).open, MathContext.DECIMAL64);
            double w = dotReturn.compareTo(linkReturn) >= 0 ? 0.5 : -0.5;
            targets.add(Bars.target(STRATEGY, "DOTUSDT", dotLast.closeTime, w));
            targets.add(Bars.target(STRATEGY, "LINKUSDT", linkLast.closeTime, -w));
        }
        markPrices = new ArrayList<>();
        for (Kline k : dot) {
            Kline m = new Kline();
            m.market = k.market;
            m.symbol = k.symbol;
            m.interval = k.interval;
            m.openTime = k.openTime;
            m.closeTime = k.closeTime;
            m.open = k.open.multiply(MARK_PREMIUM);
            m.high = k.high.multiply(MARK_PREMIUM);
            m.low = k.low.multiply(MARK_PREMIUM);
            m.close = k.close.multiply(MARK_PREMIUM);
            markPrices.add(m);
        }
        funding = new ArrayList<>();
        long start = dot.get(0).openTime;
        for (long t = start; t <= dot.get(dot.size() - 1).closeTime; t += 8 * HOUR) {
            boolean even = (t / (8 * HOUR)) % 2 == 0;
            funding.add(Bars.funding("DOTUSDT", t + 3, even ? "0.0001" : "-0.00005"));
            funding.add(Bars.funding("LINKUSDT", t + 3, even ? "0.00003" : "0.0002"));
        }
    }

    @Test
    void batchAndStreamingGiveTheSameFillsAndEquity() throws Exception {
        List<String> streaming = run(RuntimeExecutionMode.STREAMING, Long.MAX_VALUE);
        List<String> batch = run(RuntimeExecutionMode.BATCH, Long.MAX_VALUE);
        assertThat(batch).isEqualTo(streaming);

        assertThat(streaming).filteredOn(line -> line.startsWith("fill ")).hasSizeGreaterThan(600);
        assertThat(streaming).filteredOn(line -> line.startsWith("funding ")).hasSizeGreaterThan(80);
        assertThat(streaming).filteredOn(line -> line.startsWith("funding ") && line.contains("DOTUSDT"))
                .isNotEmpty().allMatch(line -> line.contains("(mark-price-open)"));
        assertThat(streaming).filteredOn(line -> line.startsWith("funding ") && line.contains("LINKUSDT"))
                .isNotEmpty().allMatch(line -> line.contains("(last-close)"));
        // the targets of the last hour have no bar after them; nothing else is rejected
        assertThat(streaming).filteredOn(line -> line.startsWith("dead-letter "))
                .hasSize(2).allMatch(line -> line.contains("/no-next-bar"));
        List<String> totals = streaming.stream().filter(line -> line.startsWith("ledger ") && line.contains(" total @"))
                .toList();
        assertThat(totals).hasSize(28 * 24);
    }

    @Test
    void fedOnlyTheBarsTheAccountReadsItGivesTheSameFillsFundingAndLedger() throws Exception {
        List<String> all = run(RuntimeExecutionMode.BATCH, Long.MAX_VALUE);
        accountBarsOnly = true;
        try {
            assertThat(run(RuntimeExecutionMode.BATCH, Long.MAX_VALUE)).isEqualTo(all);
        } finally {
            accountBarsOnly = false;
        }
    }

    @Test
    void batchOverTruncatedDataGivesTheSameAccountUpToTheCut() throws Exception {
        List<String> full = run(RuntimeExecutionMode.BATCH, Long.MAX_VALUE);
        long cut = klines.get(0).openTime + 13 * 24 * HOUR + 7 * HOUR - 1; // a bar close mid-month
        assertThat(run(RuntimeExecutionMode.BATCH, cut))
                .isEqualTo(full.stream().filter(line -> time(line) <= cut && !line.startsWith("dead-letter")).toList());
    }

    /**
     * Renders {@code kind timestamp|record}, sorted; the input truncated to record timestamps
     * ≤ {@code until} (then dead letters are left out: the last targets differ).
     */
    private static List<String> run(RuntimeExecutionMode mode, long until) throws Exception {
        Configuration conf = Harnesses.noGenericTypes();
        conf.set(ExecutionOptions.RUNTIME_MODE, mode);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        DataStream<Kline> bars = env.fromData(klines.stream().filter(k -> k.closeTime <= until).toList(),
                        TypeInformation.of(Kline.class)).setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Kline>forMonotonousTimestamps()
                        .withTimestampAssigner((k, previous) -> k.closeTime)).setParallelism(1);
        DataStream<TargetPosition> wanted = env.fromData(targets.stream().filter(t -> t.time <= until).toList(),
                        TypeInformation.of(TargetPosition.class)).setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<TargetPosition>forMonotonousTimestamps()
                        .withTimestampAssigner((t, previous) -> t.time)).setParallelism(1);
        DataStream<FundingRate> rates = env.fromData(funding.stream().filter(f -> f.calcTime <= until).toList(),
                        TypeInformation.of(FundingRate.class)).setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<FundingRate>forMonotonousTimestamps()
                        .withTimestampAssigner((f, previous) -> f.calcTime)).setParallelism(1);
        DataStream<Kline> marks = env.fromData(markPrices.stream().filter(k -> k.closeTime <= until).toList(),
                        TypeInformation.of(Kline.class)).setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Kline>forMonotonousTimestamps()
                        .withTimestampAssigner((k, previous) -> k.closeTime)).setParallelism(1);
        ExecutionSpec spec = ExecutionSpec.of(
                new StrategySpec(STRATEGY, "pair", "1h", 1.0, 0.5, new BigDecimal("100000")),
                List.of(new Instrument(Market.USDM, "DOTUSDT"), new Instrument(Market.USDM, "LINKUSDT")));
        SingleOutputStreamOperator<Fill> fills = ExecutionStages.simulate(wanted,
                accountBarsOnly ? ExecutionStages.accountBars(bars, spec) : bars, rates, marks, spec);

        DataStream<String> lines = fills.process(new Stamped<>("fill"), Types.STRING)
                .union(LedgerStages.entries(fills).process(new Stamped<LedgerEntry>("ledger"), Types.STRING),
                        LedgerStages.funding(fills).process(new Stamped<>("funding"), Types.STRING),
                        fills.getSideOutput(DeadLetters.TAG).map(d -> "dead-letter 0|" + d));
        List<String> result = new ArrayList<>();
        try (CloseableIterator<String> it = lines.executeAndCollect("execution " + mode)) {
            it.forEachRemaining(result::add);
        }
        result.sort(null);
        return until == Long.MAX_VALUE ? result
                : result.stream().filter(line -> !line.startsWith("dead-letter")).toList();
    }

    private static long time(String line) {
        return Long.parseLong(line.substring(line.indexOf(' ') + 1, line.indexOf('|')));
    }

    /** {@code kind timestamp|record}. */
    private static final class Stamped<T> extends ProcessFunction<T, String> {
        private final String kind;

        Stamped(String kind) {
            this.kind = kind;
        }

        @Override
        public void processElement(T value, Context ctx, Collector<String> out) {
            out.collect(kind + " " + ctx.timestamp() + "|" + value);
        }
    }
}
