package io.quantstream.examples.plugin;

import io.quantstream.factor.expr.BarField;
import io.quantstream.factor.spi.Bar;
import io.quantstream.factor.spi.FactorState;
import io.quantstream.factor.spi.IncrementalFactor;
import java.util.EnumSet;
import java.util.Set;

/**
 * Kaufman's adaptive moving average (Perry J. Kaufman, "Smarter Trading", 1995; "Trading
 * Systems and Methods"), quote currency, over window n with fast and slow periods:
 *
 * <pre>
 * ER_t   = |close_t − close_{t−n}| / Σ_{i=t−n+1..t} |close_i − close_{i−1}|   (0 when the sum is 0)
 * SC_t   = (ER_t · (2/(fast+1) − 2/(slow+1)) + 2/(slow+1))²
 * KAMA_t = KAMA_{t−1} + SC_t · (close_t − KAMA_{t−1}),   KAMA_{n−1} = close_{n−1}
 * </pre>
 *
 * so the first value is at the (n + 1)-th bar (warm-up n + 1), seeded with the close before it,
 * as TA-Lib's {@code TA_KAMA} seeds it. O(1) per bar: the sum of absolute changes is kept
 * running, with the last n changes and the last n + 1 closes in rings.
 *
 * <p>State slots: {@code [kama, Σ|Δ|, closes (n + 1) …, changes (n) …]}.
 */
final class KamaFactor implements IncrementalFactor {

    private static final long serialVersionUID = 1L;

    private static final int KAMA = 0;
    private static final int VOLATILITY = 1;
    private static final int CLOSES = 2;

    private final int n;
    private final double fastSc;
    private final double slowSc;

    KamaFactor(int n, int fast, int slow) {
        this.n = n;
        this.fastSc = 2.0 / (fast + 1);
        this.slowSc = 2.0 / (slow + 1);
    }

    @Override
    public long warmUp() {
        return n + 1;
    }

    @Override
    public int stateSize() {
        return CLOSES + (n + 1) + n;
    }

    /** Only the close: the engine converts no other field of the kline for it. */
    @Override
    public Set<BarField> fields() {
        return EnumSet.of(BarField.CLOSE);
    }

    @Override
    public double update(Bar bar, FactorState s) {
        long b = s.bars();
        double close = bar.close();
        int changes = CLOSES + n + 1;
        if (b >= 1) {
            double change = Math.abs(close - s.get(CLOSES + (int) ((b - 1) % (n + 1))));
            int slot = changes + (int) (b % n);
            // the change n bars back leaves the window (bar b − n ≥ 1 had one)
            double leaving = b >= n + 1 ? s.get(slot) : 0;
            s.set(VOLATILITY, s.get(VOLATILITY) - leaving + change);
            s.set(slot, change);
        }
        // the ring holds closes b − n … b; close_{b−n} is in the slot after close_b's
        s.set(CLOSES + (int) (b % (n + 1)), close);
        double old = s.get(CLOSES + (int) ((b + 1) % (n + 1)));
        if (b < n) {
            s.set(KAMA, close);
            return Double.NaN;
        }
        double volatility = s.get(VOLATILITY);
        double er = volatility > 0 ? Math.abs(close - old) / volatility : 0;
        double sc = er * (fastSc - slowSc) + slowSc;
        double kama = s.get(KAMA) + sc * sc * (close - s.get(KAMA));
        s.set(KAMA, kama);
        return kama;
    }
}
