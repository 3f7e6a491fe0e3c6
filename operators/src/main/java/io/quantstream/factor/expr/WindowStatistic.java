package io.quantstream.factor.expr;

/**
 * A statistic of a rolling window that several statistics of the same series and window length
 * share, e.g. {@code Quantile($close,20,0.8)}, {@code Quantile($close,20,0.2)} and
 * {@code Rank($close,20)} of one sorted window ({@link RollingOrder}): a node without state of
 * its own whose only input is the window node, whose state it is given to read
 * ({@link #readsInputState}). The window is kept once per key and advanced once per bar, before
 * its statistics (its node comes first); the window node's value is its input's at the bar.
 *
 * @param <W> the window node's class
 */
abstract class WindowStatistic<W extends Rolling> extends Node {

    private static final long serialVersionUID = 1L;

    /** The statistic, e.g. {@link Operator#RANK}. */
    final Operator op;
    /** The window node whose state this statistic reads. */
    final W window;

    /** @param windowNode the node of {@code window} in the program */
    WindowStatistic(String canonical, Operator op, W window, int windowNode) {
        super(canonical, windowNode);
        this.op = op;
        this.window = window;
    }

    @Override
    final boolean readsInputState() {
        return true;
    }
}
