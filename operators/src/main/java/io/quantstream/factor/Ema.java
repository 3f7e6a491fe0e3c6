package io.quantstream.factor;

import io.quantstream.model.Kline;

/**
 * Exponential moving average of closes, quote currency: {@code ema = α·close + (1 − α)·ema} with
 * {@code α = 2 / (n + 1)}, seeded with the simple average of the first {@code n} closes (the usual
 * convention, e.g. StockCharts ChartSchool "Moving Averages"). {@code NaN} for the first
 * {@code n − 1} bars.
 *
 * <p>State: {@code [count, value]}; {@code value} holds the running sum until the seed is taken.
 */
final class Ema implements Factor {

    private final int n;
    private final double alpha;

    Ema(int n) {
        this.n = n;
        this.alpha = 2.0 / (n + 1);
    }

    @Override
    public String spec() {
        return "ema(" + n + ")";
    }

    @Override
    public String name() {
        return "ema_" + n;
    }

    @Override
    public int stateSize() {
        return 2;
    }

    @Override
    public double update(Kline bar, double close, double[] state, int offset) {
        long count = (long) state[offset];
        if (count >= n) {
            state[offset + 1] = alpha * close + (1 - alpha) * state[offset + 1];
            return state[offset + 1];
        }
        state[offset + 1] += close;
        state[offset] = ++count;
        if (count < n) {
            return Double.NaN;
        }
        state[offset + 1] /= n;
        return state[offset + 1];
    }
}
