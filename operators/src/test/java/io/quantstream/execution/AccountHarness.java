package io.quantstream.execution;

import io.quantstream.ledger.LedgerStages;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Fill;
import io.quantstream.model.FundingPayment;
import io.quantstream.model.FundingRate;
import io.quantstream.model.Kline;
import io.quantstream.model.LedgerEntry;
import io.quantstream.model.TargetPosition;
import io.quantstream.testing.Harnesses;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.JobType;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/**
 * The execution stage's operator in a keyed harness (generic types disabled), as a STREAMING or a
 * BATCH job runs it, with its outputs and counters readable.
 */
final class AccountHarness implements AutoCloseable {

    final KeyedOneInputStreamOperatorTestHarness<String, AccountEvent, Fill> harness;
    private final InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
    private final MockEnvironment environment;

    AccountHarness(ExecutionSpec spec, JobType jobType) throws Exception {
        this(spec, jobType, null);
    }

    /** A harness restored from {@code restored} (a snapshot of another one) when not null. */
    AccountHarness(ExecutionSpec spec, JobType jobType, OperatorSubtaskState restored) throws Exception {
        environment = MockEnvironment.builder().setJobType(jobType)
                .setMetricGroup(new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name) {
                        return metrics;
                    }
                }).build();
        String strategy = spec.strategy();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new AccountOperator(new SimulatedExecution(spec)), e -> strategy, Types.STRING,
                environment);
        harness.getExecutionConfig().configure(Harnesses.noGenericTypes(),
                AccountHarness.class.getClassLoader());
        harness.setup();
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
    }

    static AccountHarness streaming(ExecutionSpec spec) throws Exception {
        return new AccountHarness(spec, JobType.STREAMING);
    }

    /** Record timestamps as at the stage's input: close time, target time, funding time. */
    AccountHarness kline(Kline k) throws Exception {
        harness.processElement(AccountEvent.of(k), k.closeTime);
        return this;
    }

    /** A mark-price bar; record timestamp its close time. */
    AccountHarness markPrice(Kline k) throws Exception {
        harness.processElement(AccountEvent.ofMarkPrice(k), k.closeTime);
        return this;
    }

    AccountHarness target(TargetPosition t) throws Exception {
        harness.processElement(AccountEvent.of(t), t.time);
        return this;
    }

    AccountHarness funding(FundingRate f) throws Exception {
        harness.processElement(AccountEvent.of(f), f.calcTime);
        return this;
    }

    /** Any of the three, by its type. */
    AccountHarness event(Object record) throws Exception {
        if (record instanceof Kline k) {
            return kline(k);
        }
        if (record instanceof TargetPosition t) {
            return target(t);
        }
        return funding((FundingRate) record);
    }

    AccountHarness watermark(long time) throws Exception {
        harness.processWatermark(new Watermark(time));
        return this;
    }

    /** The end of input: the final watermark. */
    AccountHarness end() throws Exception {
        return watermark(Long.MAX_VALUE);
    }

    List<Fill> fills() {
        return harness.extractOutputValues();
    }

    /** Record timestamps of the main output, in order. */
    List<Long> fillTimestamps() {
        List<Long> stamps = new ArrayList<>();
        for (Object o : harness.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                stamps.add(r.getTimestamp());
            }
        }
        return stamps;
    }

    List<LedgerEntry> ledger() {
        return side(LedgerStages.ENTRIES);
    }

    List<FundingPayment> funding() {
        return side(LedgerStages.FUNDING);
    }

    List<DeadLetter> deadLetters() {
        return side(DeadLetters.TAG);
    }

    <T> List<T> side(OutputTag<T> tag) {
        List<T> values = new ArrayList<>();
        Queue<StreamRecord<T>> records = harness.getSideOutput(tag);
        if (records != null) {
            records.forEach(r -> values.add(r.getValue()));
        }
        return values;
    }

    long count(String counter) {
        Object metric = metrics.get(counter);
        return metric == null ? 0 : ((Counter) metric).getCount();
    }

    @Override
    public void close() throws Exception {
        harness.close();
        environment.close();
    }
}
