package io.quantstream.factor;

import io.quantstream.model.Kline;

/**
 * Simple moving average of the last {@code n} closes, quote currency. {@code NaN} for the first
 * {@code n − 1} bars.
 *
 * <p>State: {@code [count, ring[n]]} ({@code count} of bars seen, exact in a double for 2^53 bars).
 * The sum is recomputed from the ring on every bar rather than
 * kept as a running total, so rounding error does not accumulate over a long-running stream.
 */
final class Sma implements Factor {

    private final int n;

    Sma(int n) {
        this.n = n;
    }

    @Override
    public String spec() {
        return "sma(" + n + ")";
    }

    @Override
    public String name() {
        return "sma_" + n;
    }

    @Override
    public int stateSize() {
        return 1 + n;
    }

    @Override
    public double update(Kline bar, double close, double[] state, int offset) {
        long count = (long) state[offset];
        state[offset + 1 + (int) (count % n)] = close;
        count++;
        state[offset] = count;
        if (count < n) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += state[offset + 1 + i];
        }
        return sum / n;
    }
}
