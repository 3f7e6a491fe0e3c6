package io.quantstream.factor;

/**
 * Keyed state of {@link FactorCalculator} for one (market, symbol, interval): the open time of
 * the last kline taken and the history of each stateful node of the factor program, under the
 * 64-bit id of the node's canonical expression ({@link
 * io.quantstream.factor.expr.FactorProgram#stateIds()}). A Flink POJO, read and written once per
 * kline ({@link FactorUpdate}).
 *
 * <p>Before factor expressions it held one history per built-in factor under its spec
 * ({@code String[] specs}); Flink's POJO serializer drops that field on restore, so such a
 * savepoint restores with every factor warming up again.
 */
public class FactorHistory {
    /** Open time (epoch ms UTC) of the last kline taken. */
    public long lastOpenTime;
    /** Ids of the nodes with history; parallel to {@link #states}. */
    public long[] nodes;
    /** {@code states[i]}: the history of node {@code nodes[i]}, {@code [version, bars, slots…]}. */
    public double[][] states;
    /**
     * The factor values emitted for the last kline, in the factor set's order ({@code NaN} while
     * warming up); null in state written before they were kept. Only read by the state tools
     * ({@code state inspect}): the nodes' histories do not hold their last outputs.
     */
    public double[] values;

    public FactorHistory() {}
}
