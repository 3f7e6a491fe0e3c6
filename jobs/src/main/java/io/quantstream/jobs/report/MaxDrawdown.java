package io.quantstream.jobs.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * The deepest fall of a strategy's equity below its running maximum, and when it happened.
 *
 * @param depth {@code (peak − trough) / peak}, a fraction in [0, 1] (above 1 only when equity
 *     went negative); 0 when the equity never fell below a previous high
 * @param peakTime the point the fall started from: the latest point at or before the trough
 *     whose equity equals the running maximum, epoch ms UTC; null when {@code depth} is 0
 * @param troughTime the first point where {@code depth} is reached; null when {@code depth} is 0
 * @param recoveryTime the first point after the trough whose equity is at or above the peak's;
 *     null when {@code depth} is 0 or the equity had not recovered by the end
 */
public record MaxDrawdown(double depth, Long peakTime, Long troughTime, Long recoveryTime) {

    /** The maximum drawdown of {@code points} (in time order, the first one the start). */
    static MaxDrawdown of(List<EquityPoint> points) {
        BigDecimal high = points.get(0).equity();
        long highTime = points.get(0).time();
        BigDecimal deepest = BigDecimal.ZERO;
        BigDecimal peak = null;
        Long peakTime = null;
        int trough = -1;
        for (int i = 0; i < points.size(); i++) {
            EquityPoint p = points.get(i);
            if (p.equity().compareTo(high) >= 0) {
                high = p.equity();
                highTime = p.time();
                continue;
            }
            BigDecimal depth = high.subtract(p.equity()).divide(high, MathContext.DECIMAL128);
            if (depth.compareTo(deepest) > 0) {
                deepest = depth;
                peak = high;
                peakTime = highTime;
                trough = i;
            }
        }
        if (trough < 0) {
            return new MaxDrawdown(0, null, null, null);
        }
        Long recovery = null;
        for (int i = trough + 1; i < points.size() && recovery == null; i++) {
            if (points.get(i).equity().compareTo(peak) >= 0) {
                recovery = points.get(i).time();
            }
        }
        return new MaxDrawdown(deepest.doubleValue(), peakTime, points.get(trough).time(),
                recovery);
    }
}
