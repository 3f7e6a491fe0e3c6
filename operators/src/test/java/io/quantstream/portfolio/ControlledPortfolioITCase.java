package io.quantstream.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.ControlAction;
import io.quantstream.model.ControlCommand;
import io.quantstream.model.CrossSection;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Market;
import io.quantstream.model.SymbolScore;
import io.quantstream.model.TargetDelta;
import io.quantstream.model.TargetPosition;
import io.quantstream.model.UnscoredSymbol;
import io.quantstream.testing.Harnesses;
import io.quantstream.testing.MiniClusters;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two strategies on one universe under one control stream, on a MiniCluster at parallelism 2, in
 * BATCH (every command read before the first bar) and in STREAMING: identical targets, control
 * actions, deltas and dead letters, with the record timestamps; and the targets' reasons follow
 * the commands as documented.
 */
class ControlledPortfolioITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final long OPEN = 1_721_260_800_000L;
    private static final long MINUTE = 60_000;
    private static final int BARS = 12;
    private static final int PARALLELISM = 2;
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT");
    private static final List<StrategySpec> STRATEGIES = List.of(
            new StrategySpec("reversal", "majors", "1m", 1.0, 0.4, new BigDecimal("100000")),
            new StrategySpec("momentum", "majors", "1m", 2.0, 0.8, new BigDecimal("50000")));

    /**
     * STREAMING: the cross-sections are held until every portfolio instance has read every
     * command, so no command comes after a bar it applies to (that case is the harness test's).
     */
    private static volatile CountDownLatch commandsRead;

    @Test
    void batchAndStreamingGiveTheSameTargetsActionsAndDeltas() throws Exception {
        List<String> batch = run(RuntimeExecutionMode.BATCH);
        List<String> streaming = run(RuntimeExecutionMode.STREAMING);

        assertThat(streaming).isEqualTo(batch);

        // reason of BTCUSDT's target per bar: STOP reversal at bar 2, FLAT * at bar 4, RESUME
        // momentum at bar 6, RESUME * at bar 8, at bar 10 RESUME * and, for reversal only, FLAT
        // reversal at the same millisecond (the strategy's own command wins)
        assertThat(reasons(batch, "reversal")).containsExactly("0 null", "1 null", "2 stopped",
                "4 flat", "8 null", "9 null", "10 flat");
        assertThat(reasons(batch, "momentum")).containsExactly("0 null", "1 null", "2 null",
                "3 null", "4 flat", "6 null", "7 null", "8 null", "9 null", "10 null");
        assertThat(batch).filteredOn(l -> l.startsWith("action "))
                .extracting(l -> l.substring(0, l.indexOf(" @")))
                .containsExactlyInAnyOrder("action reversal 2 STOP reversal",
                        "action reversal 4 FLAT *", "action momentum 4 FLAT *",
                        "action momentum 6 RESUME momentum", "action reversal 8 RESUME *",
                        "action momentum 8 RESUME *", "action reversal 10 RESUME *",
                        "action reversal 10 FLAT reversal", "action momentum 10 RESUME *");
        assertThat(batch).filteredOn(l -> l.startsWith("action reversal 10 RESUME"))
                .singleElement().asString().contains(" superseded false ");
        assertThat(batch).filteredOn(l -> l.startsWith("action ")).allSatisfy(
                l -> assertThat(l.split(" ")[6]).as("record timestamp = decision time")
                        .isEqualTo(l.split(" ")[7]));
        assertThat(batch).filteredOn(l -> l.startsWith("dead-letter "))
                .as("one per strategy stage, not one per parallel instance")
                .containsExactly("dead-letter control/unknown-action", "dead-letter control/unknown-action");
        assertThat(batch).filteredOn(l -> l.startsWith("target ")).allSatisfy(
                l -> assertThat(l.split(" ")[3]).as("record timestamp = decision time")
                        .isEqualTo(l.split(" ")[4]));
        assertDeltasChainTheTargets(batch);
    }

    /** Each delta's previous quantity is the key's previous target; every change has a delta. */
    private static void assertDeltasChainTheTargets(List<String> lines) {
        Map<String, String> last = new HashMap<>();
        Map<String, String> expected = new HashMap<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f[0].equals("target")) {
                String key = f[1] + "|" + f[2];
                String previous = last.getOrDefault(key, "0");
                if (new BigDecimal(previous).compareTo(new BigDecimal(f[6])) != 0
                        || f[8].equals("flat")) {
                    expected.put(key + "@" + f[4], previous + " -> " + f[6]);
                }
                last.put(key, f[6]);
            }
        }
        Map<String, String> deltas = new HashMap<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f[0].equals("delta")) {
                deltas.put(f[1] + "|" + f[2] + "@" + f[4], f[5] + " -> " + f[6]);
                assertThat(new BigDecimal(f[6]).subtract(new BigDecimal(f[5])))
                        .isEqualByComparingTo(f[7]);
            }
        }
        assertThat(deltas).hasSizeGreaterThan(20);
        assertThat(deltas.keySet()).isEqualTo(expected.keySet());
        deltas.forEach((k, v) -> {
            String[] d = v.split(" -> ");
            String[] e = expected.get(k).split(" -> ");
            assertThat(new BigDecimal(d[0])).as(k).isEqualByComparingTo(e[0]);
            assertThat(new BigDecimal(d[1])).as(k).isEqualByComparingTo(e[1]);
        });
    }

    /** {@code bar reason} of the strategy's BTCUSDT targets. */
    private static List<String> reasons(List<String> lines, String strategy) {
        List<String> result = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f[0].equals("target") && f[1].equals(strategy) && f[2].equals("BTCUSDT")) {
                result.add((Long.parseLong(f[4]) - OPEN) / MINUTE + " " + f[8]);
            }
        }
        return result;
    }

    private static List<String> run(RuntimeExecutionMode mode) throws Exception {
        Configuration conf = Harnesses.noGenericTypes();
        conf.set(ExecutionOptions.RUNTIME_MODE, mode);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);

        List<ControlCommand> commands = commands();
        boolean gated = mode == RuntimeExecutionMode.STREAMING;
        commandsRead = new CountDownLatch(commands.size() * PARALLELISM * STRATEGIES.size());
        DataStream<ControlCommand> control = env
                .fromData(commands, TypeInformation.of(ControlCommand.class)).setParallelism(1);
        DataStream<CrossSection> sections = env
                .fromData(sections(), TypeInformation.of(CrossSection.class)).setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<CrossSection>forMonotonousTimestamps()
                        .withTimestampAssigner((cs, previous) -> cs.closeTime))
                .setParallelism(1)
                .map(cs -> {
                    if (gated && !commandsRead.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("commands not read");
                    }
                    return cs;
                }, TypeInformation.of(CrossSection.class))
                .setParallelism(1);

        List<DataStream<String>> lines = new ArrayList<>();
        for (StrategySpec spec : STRATEGIES) {
            SingleOutputStreamOperator<TargetPosition> targets = PortfolioStages.controlled(
                    sections, control, spec, new CountingCommands(spec));
            lines.add(targets.process(new RenderTarget(), Types.STRING));
            lines.add(targets.getSideOutput(PortfolioStages.ACTIONS).process(new RenderAction(), Types.STRING));
            lines.add(targets.getSideOutput(PortfolioStages.DELTAS).process(new RenderDelta(), Types.STRING));
            lines.add(targets.getSideOutput(DeadLetters.TAG)
                    .map(d -> "dead-letter " + d.stage + "/" + d.reason, Types.STRING));
        }
        DataStream<String> all = lines.get(0);
        for (DataStream<String> more : lines.subList(1, lines.size())) {
            all = all.union(more);
        }
        List<String> result = new ArrayList<>();
        try (CloseableIterator<String> it = all.executeAndCollect("controlled portfolio " + mode)) {
            it.forEachRemaining(result::add);
        }
        // by decision time, then as rendered: each run's own interleaving of streams is arbitrary
        result.sort((a, b) -> {
            int byTime = Long.compare(time(a), time(b));
            return byTime != 0 ? byTime : a.compareTo(b);
        });
        return result;
    }

    private static long time(String line) {
        String[] f = line.split(" ");
        return switch (f[0]) {
            case "dead-letter" -> Long.MIN_VALUE;
            case "action" -> Long.parseLong(f[7]);
            default -> Long.parseLong(f[4]);
        };
    }

    private static List<ControlCommand> commands() {
        ControlCommand flatAll = ControlCommand.of(ControlCommand.FLAT, "*", close(3) + 10, "risk", null);
        return List.of(
                ControlCommand.of(ControlCommand.STOP, "reversal", close(1) + 1, "desk", "news"),
                flatAll,
                ControlCommand.of(ControlCommand.RESUME, "momentum", close(5) + 1, "desk", null),
                ControlCommand.of("HALT", "*", close(6), "desk", "no such action"),
                ControlCommand.of(ControlCommand.RESUME, null, close(7) + 1, "risk", null),
                ControlCommand.of(ControlCommand.FLAT, "reversal", close(9) + 1, "desk", null),
                ControlCommand.of(ControlCommand.RESUME, "*", close(9) + 1, "desk", null),
                // sent twice, kept once
                ControlCommand.of(ControlCommand.FLAT, "*", close(3) + 10, "risk", "again"),
                // after the last bar
                ControlCommand.of(ControlCommand.STOP, "*", close(BARS) + 1, "desk", null));
    }

    /** Random scores and closes of three instruments; ETHUSDT not reported at bar 5. */
    private static List<CrossSection> sections() {
        Random random = new Random(11);
        double[] price = {64000, 3400, 160};
        List<CrossSection> result = new ArrayList<>();
        for (int k = 0; k < BARS - 1; k++) {
            List<SymbolScore> scores = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (int s = 0; s < SYMBOLS.size(); s++) {
                price[s] *= Math.exp(random.nextGaussian() * 0.01);
                if (k == 5 && s == 1) {
                    missing.add("USDM:" + SYMBOLS.get(s));
                    continue;
                }
                scores.add(new SymbolScore(Market.USDM, SYMBOLS.get(s), random.nextGaussian(),
                        BigDecimal.valueOf(price[s]).setScale(2, RoundingMode.HALF_EVEN)));
            }
            CrossSection cs = new CrossSection();
            cs.universe = "majors";
            cs.interval = "1m";
            cs.openTime = OPEN + k * MINUTE;
            cs.closeTime = close(k);
            cs.complete = missing.isEmpty();
            cs.missing = missing.toArray(new String[0]);
            cs.scores = scores.toArray(new SymbolScore[0]);
            cs.unscored = new UnscoredSymbol[0];
            result.add(cs);
        }
        return result;
    }

    private static long close(int k) {
        return OPEN + k * MINUTE + MINUTE - 1;
    }

    /** The stage's function, counting the commands each instance has read. */
    private static final class CountingCommands extends ControlledPortfolio {
        CountingCommands(StrategySpec spec) {
            super(spec);
        }

        @Override
        public void processBroadcastElement(ControlCommand command, Context ctx,
                Collector<TargetPosition> out) throws Exception {
            super.processBroadcastElement(command, ctx, out);
            commandsRead.countDown();
        }
    }

    /** {@code target reference symbol timestamp time weight quantity price reason}. */
    private static final class RenderTarget extends ProcessFunction<TargetPosition, String> {
        @Override
        public void processElement(TargetPosition p, Context ctx, Collector<String> out) {
            out.collect("target " + p.reference + " " + p.symbol + " " + ctx.timestamp() + " "
                    + p.time + " " + p.weight + " " + p.quantity.toPlainString() + " " + p.price
                    + " " + p.reason);
        }
    }

    /** {@code action reference bar action scope @commandTime timestamp time outcome late changed}. */
    private static final class RenderAction extends ProcessFunction<ControlAction, String> {
        @Override
        public void processElement(ControlAction a, Context ctx, Collector<String> out) {
            out.collect("action " + a.reference + " " + (a.time - OPEN) / MINUTE + " " + a.action
                    + " " + a.scope + " @" + a.commandTime + " " + ctx.timestamp() + " " + a.time
                    + " " + a.outcome + " " + a.late + " " + String.join(",", a.changed));
        }
    }

    /** {@code delta reference symbol timestamp time previous quantity delta notional reason}. */
    private static final class RenderDelta extends ProcessFunction<TargetDelta, String> {
        @Override
        public void processElement(TargetDelta d, Context ctx, Collector<String> out) {
            out.collect("delta " + d.reference + " " + d.symbol + " " + ctx.timestamp() + " "
                    + d.time + " " + d.previousQuantity.toPlainString() + " "
                    + d.quantity.toPlainString() + " " + d.deltaQuantity.toPlainString() + " "
                    + d.deltaNotional.toPlainString() + " " + d.reason);
        }
    }
}
