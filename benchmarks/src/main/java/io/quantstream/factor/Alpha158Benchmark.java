package io.quantstream.factor;

import io.quantstream.bench.OperatorBenchmark;
import io.quantstream.bench.SyntheticMarket;
import io.quantstream.model.FactorVector;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * qlib's Alpha158 set ({@link FactorCalculator}, {@code alpha158}) on one instrument's 1h bars,
 * in Flink's operator test harness (heap state, the harness's output queue included): ns per
 * bar, each bar giving a vector of 158 factors; the bars made {@link FactorBar}s beforehand, as
 * the stage makes them before its keyBy. Each invocation starts from an empty history.
 */
public class Alpha158Benchmark extends OperatorBenchmark {

    /** A year of 1h bars. */
    static final int BARS = 8_760;

    private final FactorSet alpha158 = FactorSet.parse("alpha158");
    private List<FactorBar> bars;
    private KeyedOneInputStreamOperatorTestHarness<String, FactorBar, FactorVector> harness;

    @Setup(Level.Trial)
    public void setUpBars() {
        bars = SyntheticMarket.hourlyBars(BARS).stream()
                .map(k -> FactorBar.of(k, alpha158.fieldsRead())).toList();
    }

    @Setup(Level.Invocation)
    public void setUpHarness() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new FactorCalculator<>(alpha158)), FactorStages::key,
                Types.STRING);
        harness.open();
    }

    @TearDown(Level.Invocation)
    public void closeHarness() throws Exception {
        harness.close();
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public int hourlyBars() throws Exception {
        for (FactorBar bar : bars) {
            harness.processElement(bar, bar.closeTime);
        }
        return harness.getOutput().size();
    }
}
