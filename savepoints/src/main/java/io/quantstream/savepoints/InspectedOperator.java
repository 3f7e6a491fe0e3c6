package io.quantstream.savepoints;

import io.quantstream.factor.FactorSet;
import io.quantstream.factor.FactorStages;
import io.quantstream.kline.KlineStages;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * A keyed operator of the jobs whose state {@link StateInspector} reads: its uid and how its
 * state is laid out.
 */
public final class InspectedOperator {

    private enum Kind { KLINE_AGGREGATOR, ROLL_UP, FACTORS, CROSS_SECTION, PORTFOLIO }

    private final String uid;
    private final Kind kind;
    private final FactorSet factors;

    private InspectedOperator(String uid, Kind kind, FactorSet factors) {
        this.uid = uid;
        this.kind = kind;
        this.factors = factors;
    }

    /** The 1m kline aggregator, {@value KlineStages#AGGREGATE_UID}. */
    public static InspectedOperator klineAggregator() {
        return new InspectedOperator(KlineStages.AGGREGATE_UID, Kind.KLINE_AGGREGATOR, null);
    }

    /** The roll-ups, {@value KlineStages#ROLLUP_UID}. */
    public static InspectedOperator rollUp() {
        return new InspectedOperator(KlineStages.ROLLUP_UID, Kind.ROLL_UP, null);
    }

    /** The factor operator, {@value FactorStages#UID}, printed with the names of {@code factors}. */
    public static InspectedOperator factors(FactorSet factors) {
        return new InspectedOperator(FactorStages.UID, Kind.FACTORS, factors);
    }

    /** A cross-section operator, {@code CrossSectionStages.uid(spec)}. */
    public static InspectedOperator crossSection(String uid) {
        return new InspectedOperator(uid, Kind.CROSS_SECTION, null);
    }

    /** A portfolio operator, {@code PortfolioStages.uid(strategy)}. */
    public static InspectedOperator portfolio(String uid) {
        return new InspectedOperator(uid, Kind.PORTFOLIO, null);
    }

    public String uid() {
        return uid;
    }

    OperatorIdentifier identifier() {
        return OperatorIdentifier.forUid(uid);
    }

    /** One row per piece of state per key. */
    DataStream<StateRow> read(SavepointReader savepoint) throws IOException {
        TypeInformation<StateRow> rows = TypeInformation.of(StateRow.class);
        return switch (kind) {
            case KLINE_AGGREGATOR -> savepoint.readKeyedState(identifier(),
                    new KlineAggregatorReader(), Types.STRING, rows);
            case ROLL_UP -> savepoint.readKeyedState(identifier(), new RollUpReader(),
                    Types.STRING, rows);
            case FACTORS -> savepoint.readKeyedState(identifier(), new FactorReader(factors),
                    Types.STRING, rows);
            case CROSS_SECTION -> savepoint.readKeyedState(identifier(),
                    new CrossSectionReader(uid), Types.LONG, rows);
            case PORTFOLIO -> savepoint.readKeyedState(identifier(), new PortfolioReader(uid),
                    Types.STRING, rows);
        };
    }

    @Override
    public String toString() {
        return uid;
    }
}
