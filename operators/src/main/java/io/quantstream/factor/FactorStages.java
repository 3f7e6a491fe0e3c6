package io.quantstream.factor;

import io.quantstream.model.DeadLetters;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Instrument;
import io.quantstream.model.Kline;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Stage: klines to factor vectors.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<FactorVector> factors =
 *         FactorStages.compute(klines, FactorSet.parse("ema(20),rsi(14),vwap_dev"));
 * DataStream<DeadLetter> rejected = factors.getSideOutput(DeadLetters.TAG);
 * }</pre>
 */
public final class FactorStages {

    /** Stable operator uid of {@link #compute}. */
    public static final String UID = "factors";

    private FactorStages() {}

    /**
     * One {@link FactorVector} per complete kline (gap-filled empty bars included; {@link
     * Kline#partial partial} roll-ups are skipped), keyed by instrument and interval
     * ({@link #key}), values {@code NaN} while warming up. Input record timestamps must be the
     * klines' close times (assigned at the source); outputs keep them. Out-of-order klines and
     * klines without a positive close go to the {@link DeadLetters#TAG} side output. Each
     * sub-expression's history is kept under its canonical text, so the factor set may change
     * across a savepoint ({@link FactorCalculator}).
     */
    public static SingleOutputStreamOperator<FactorVector> compute(
            DataStream<Kline> klines, FactorSet factors) {
        return klines
                .keyBy(FactorStages::key, Types.STRING)
                .process(new FactorCalculator(factors), TypeInformation.of(FactorVector.class))
                .uid(UID)
                .name("factors [" + factors.label() + "]");
    }

    /**
     * The key of a kline's factor history: its instrument and interval,
     * {@code MARKET:SYMBOL:interval} ({@link Instrument#key}), so that spot and futures of the
     * same symbol never share a history.
     */
    public static String key(Kline k) {
        return Instrument.key(k.market, k.symbol) + ":" + k.interval;
    }
}
