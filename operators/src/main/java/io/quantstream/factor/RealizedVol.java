package io.quantstream.factor;

import io.quantstream.model.Kline;

/**
 * Realized volatility: the sample standard deviation (divisor {@code n − 1}) of the last {@code n}
 * one-bar log returns {@code ln(close_t / close_{t−1})}. Per bar of the input interval, <b>not
 * annualized</b> (multiply by √(bars per year) for that). {@code NaN} for the first {@code n} bars.
 *
 * <p>State: {@code [bars, previousClose, ring[n]]}, the last {@code n} one-bar log returns. The
 * variance is recomputed with two passes over the ring on every bar: no accumulated rounding.
 */
final class RealizedVol implements Factor {

    private final int n;

    RealizedVol(int n) {
        this.n = n;
    }

    @Override
    public String spec() {
        return "realized_vol(" + n + ")";
    }

    @Override
    public String name() {
        return "realized_vol_" + n;
    }

    @Override
    public int stateSize() {
        return 2 + n;
    }

    @Override
    public double update(Kline bar, double close, double[] state, int offset) {
        long bars = (long) state[offset];
        double previous = state[offset + 1];
        state[offset] = bars + 1;
        state[offset + 1] = close;
        if (bars == 0) {
            return Double.NaN;
        }
        long returns = bars;
        state[offset + 2 + (int) ((returns - 1) % n)] = Math.log(close / previous);
        if (returns < n) {
            return Double.NaN;
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += state[offset + 2 + i];
        }
        mean /= n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = state[offset + 2 + i] - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / (n - 1));
    }
}
