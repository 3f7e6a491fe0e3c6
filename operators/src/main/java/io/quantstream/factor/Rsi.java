package io.quantstream.factor;

import io.quantstream.model.Kline;

/**
 * Relative Strength Index over {@code n} bars with Wilder's smoothing (J. Welles Wilder, "New
 * Concepts in Technical Trading Systems", 1978), in {@code [0, 100]}.
 *
 * <p>The first average gain (loss) is the simple mean of the first {@code n} close-to-close gains
 * (losses, as positive numbers); after that {@code avg = (avg·(n − 1) + current) / n}.
 * {@code RSI = 100 − 100 / (1 + avgGain / avgLoss)}: 100 when there were only gains, 0 when only
 * losses, and 50 when the price did not move at all over the window (0/0, e.g. a run of
 * gap-filled empty bars) — a neutral value rather than {@code NaN}, so a quiet symbol is still
 * ranked. {@code NaN} for the first {@code n} bars ({@code n} changes need {@code n + 1} closes).
 *
 * <p>State: {@code [bars, previousClose, avgGain, avgLoss]}; the averages hold sums until the
 * first average is taken.
 */
final class Rsi implements Factor {

    private final int n;

    Rsi(int n) {
        this.n = n;
    }

    @Override
    public String spec() {
        return "rsi(" + n + ")";
    }

    @Override
    public String name() {
        return "rsi_" + n;
    }

    @Override
    public int stateSize() {
        return 4;
    }

    @Override
    public double update(Kline bar, double close, double[] state, int offset) {
        long changes = (long) state[offset]; // including this bar's, capped at n + 1
        double previous = state[offset + 1];
        state[offset + 1] = close;
        state[offset] = Math.min(changes + 1, n + 1);
        if (changes == 0) {
            return Double.NaN;
        }
        double change = close - previous;
        double gain = Math.max(change, 0);
        double loss = Math.max(-change, 0);
        if (changes < n) {
            state[offset + 2] += gain;
            state[offset + 3] += loss;
            return Double.NaN;
        }
        if (changes == n) {
            state[offset + 2] = (state[offset + 2] + gain) / n;
            state[offset + 3] = (state[offset + 3] + loss) / n;
        } else {
            state[offset + 2] = (state[offset + 2] * (n - 1) + gain) / n;
            state[offset + 3] = (state[offset + 3] * (n - 1) + loss) / n;
        }
        return rsi(state[offset + 2], state[offset + 3]);
    }

    private static double rsi(double avgGain, double avgLoss) {
        double total = avgGain + avgLoss;
        // 100 − 100/(1 + g/l) rewritten as 100·g/(g + l): no division by a zero loss.
        return total == 0 ? 50.0 : 100.0 * avgGain / total;
    }
}
