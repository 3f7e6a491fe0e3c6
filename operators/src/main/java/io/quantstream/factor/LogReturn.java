package io.quantstream.factor;

import io.quantstream.model.Kline;

/**
 * Log return over {@code n} bars: {@code ln(close_t / close_{t−n})}, dimensionless, not annualized.
 * {@code NaN} for the first {@code n} bars.
 *
 * <p>State: {@code [count, ring[n]]}, the last {@code n} closes.
 */
final class LogReturn implements Factor {

    private final int n;

    LogReturn(int n) {
        this.n = n;
    }

    @Override
    public String spec() {
        return "log_return(" + n + ")";
    }

    @Override
    public String name() {
        return "log_return_" + n;
    }

    @Override
    public int stateSize() {
        return 1 + n;
    }

    @Override
    public double update(Kline bar, double close, double[] state, int offset) {
        long count = (long) state[offset];
        int slot = offset + 1 + (int) (count % n);
        double result = count >= n ? Math.log(close / state[slot]) : Double.NaN;
        state[slot] = close;
        state[offset] = count + 1;
        return result;
    }
}
