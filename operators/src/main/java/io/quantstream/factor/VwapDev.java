package io.quantstream.factor;

import io.quantstream.model.Kline;

/**
 * Deviation of the close from the bar's volume-weighted average price: {@code close / vwap − 1}
 * with {@code vwap = quoteVolume / volume}, dimensionless; {@code NaN} when the bar has no volume
 * (vwap undefined, DESIGN.md "Binance facts"). Stateless. Meaningless on COIN-M klines,
 * whose quote volume column holds base volume.
 */
final class VwapDev implements Factor {

    @Override
    public String spec() {
        return "vwap_dev";
    }

    @Override
    public String name() {
        return "vwap_dev";
    }

    @Override
    public int stateSize() {
        return 0;
    }

    @Override
    public double update(Kline bar, double close, double[] state, int offset) {
        if (bar.volume == null || bar.quoteVolume == null || bar.volume.signum() == 0) {
            return Double.NaN;
        }
        double vwap = bar.quoteVolume.doubleValue() / bar.volume.doubleValue();
        return close / vwap - 1;
    }
}
