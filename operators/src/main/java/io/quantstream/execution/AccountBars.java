package io.quantstream.execution;

import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import org.apache.flink.api.common.functions.FilterFunction;

/**
 * The bars an account reads, of klines that have a bar for every minute of every instrument:
 * those opening or closing at a multiple of the {@link #period} (the strategy's interval, at most
 * an hour). The account uses a bar to fill orders waiting since a close of the interval (the bar
 * opening right after it), to report the ledger at a close (the bars closing then) and to mark a
 * position at a funding time (the last close at or before it: funding times are within the first
 * minute of an hour); it only marks positions with the bars in between. So fed these bars it
 * gives the same fills, funding and ledger as fed all (two bars of sixty for an hourly strategy),
 * when every minute has its bar, every instrument's bars end together or at a close, and every
 * funding time is in the first minute of an hour; otherwise feed it every bar.
 */
final class AccountBars implements FilterFunction<Kline> {

    private static final long HOUR = Interval.parse("1h").millis();

    private final long period;

    AccountBars(Interval interval) {
        this.period = Math.min(interval.millis(), HOUR);
    }

    /** The bars' period, epoch ms: they open or close at its multiples. */
    long period() {
        return period;
    }

    @Override
    public boolean filter(Kline k) {
        return k.openTime % period == 0 || (k.closeTime + 1) % period == 0;
    }
}
