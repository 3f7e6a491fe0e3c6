package io.quantstream.factor;

import io.quantstream.factor.expr.BarField;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import java.math.BigDecimal;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A kline as the factor stage takes it across its keyBy: the instrument, interval and times, the
 * exact close (which the {@link io.quantstream.model.FactorVector} carries on), and as doubles
 * only the bar fields the factor set reads ({@link FactorSet#fieldsRead}), in that order. Made
 * before the keyBy ({@link FactorStages#compute}), so the shuffle, and in BATCH the sort by key,
 * move a few doubles instead of a {@link Kline}'s eight {@code BigDecimal}s, and each field is
 * converted once. Serialized by {@link FactorBarSerializer}.
 */
@TypeInfo(FactorBarSerializer.Factory.class)
public class FactorBar {
    public Market market;
    /** Exchange symbol, e.g. {@code BTCUSDT}. */
    public String symbol;
    /** Interval label, e.g. {@code 1h}. */
    public String interval;
    /** Epoch milliseconds UTC, the kline's. */
    public long openTime;
    /** Epoch milliseconds UTC, the kline's. */
    public long closeTime;
    /** The kline's close, exact, quote currency; null when the kline has none. */
    public BigDecimal close;
    /** The kline's {@link Kline#partial}. */
    public boolean partial;
    /**
     * The values of the fields the set reads, in {@link FactorSet#fieldsRead} order, as
     * {@link BarField#values} converts them ({@code NaN} for a missing value).
     */
    public double[] fields;

    public FactorBar() {}

    /** {@code k} with the values of {@code fields}, in that order. */
    public static FactorBar of(Kline k, BarField[] fields) {
        FactorBar bar = new FactorBar();
        bar.market = k.market;
        bar.symbol = k.symbol;
        bar.interval = k.interval;
        bar.openTime = k.openTime;
        bar.closeTime = k.closeTime;
        bar.close = k.close;
        bar.partial = k.partial;
        bar.fields = BarField.values(k, fields);
        return bar;
    }

    /** This bar with its fields named: {@code fields} are those it was made with. */
    public String describe(BarField[] fields) {
        StringBuilder s = header();
        for (int i = 0; i < fields.length && i < this.fields.length; i++) {
            s.append(" $").append(fields[i].label()).append('=').append(this.fields[i]);
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "FactorBar{" + header() + " fields=" + Arrays.toString(fields) + "}";
    }

    /** Key, times, exact close and whether partial. */
    private StringBuilder header() {
        return new StringBuilder(FactorStages.key(market, symbol, interval))
                .append(" openTime=").append(openTime).append(" closeTime=").append(closeTime)
                .append(" close=").append(close).append(partial ? " partial" : "");
    }
}
