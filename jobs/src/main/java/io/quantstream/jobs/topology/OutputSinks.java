package io.quantstream.jobs.topology;

import io.quantstream.model.ControlAction;
import io.quantstream.model.CrossSection;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetterCounter;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Kline;
import io.quantstream.model.TargetDelta;
import io.quantstream.model.TargetPosition;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where a job on Kafka writes: one sink per kind of output ({@link KafkaSinks#of} for the
 * topics; a test may pass others). A job writes what its part of the {@link Topology} produces;
 * sinks of outputs it does not produce may be null.
 *
 * @param deadLetters rejected records of every stage, and the trade gaps of the kline stage
 *     (stage {@code klines}, reason {@code trade-gap}, {@link TradeGapLetters})
 */
public record OutputSinks(Sink<Kline> klines, Sink<FactorVector> factors,
        Sink<CrossSection> crossSections, Sink<TargetPosition> targetPositions,
        Sink<TargetDelta> targetDeltas, Sink<ControlAction> controlActions,
        Sink<DeadLetter> deadLetters) {

    /**
     * Sinks every stream {@code out} has, at the parallelism of the stream; operator uids
     * {@code sink-<output>}. Non-market trades (USD-M insurance-fund and ADL trades, counted by
     * the validation) are not written: they are on the trades topic already.
     *
     * @throws IllegalStateException if {@code out} has a stream this has no sink for
     */
    public void attach(TopologyOutputs out) {
        sink(out.klines, klines, "klines");
        sink(out.factors, factors, "factors");
        sink(out.crossSections, crossSections, "cross-sections");
        sink(out.targetPositions, targetPositions, "target-positions");
        sink(out.targetDeltas, targetDeltas, "target-deltas");
        sink(out.controlActions, controlActions, "control-actions");
        DataStream<DeadLetter> rejected = out.deadLetters;
        if (out.tradeGaps != null) {
            rejected = Streams.union(rejected, out.tradeGaps
                    .map(new TradeGapLetters(), TypeInformation.of(DeadLetter.class))
                    .name("trade gaps as dead letters").uid("trade-gap-dead-letters"));
        }
        sink(rejected == null ? null : DeadLetterCounter.count(rejected), deadLetters,
                "dead-letters");
    }

    private static <T> void sink(DataStream<T> stream, Sink<T> sink, String output) {
        if (stream == null) {
            return;
        }
        if (sink == null) {
            throw new IllegalStateException("the job produces " + output + " but has no sink for them");
        }
        stream.sinkTo(sink).name(output + " sink").uid("sink-" + output);
    }
}
