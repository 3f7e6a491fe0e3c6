package io.quantstream.factor;

import io.quantstream.model.Kline;

/**
 * Share of the bar's volume bought by takers: {@code takerBuyVolume / volume}, in {@code [0, 1]};
 * {@code NaN} when the bar has no volume (an empty, gap-filled bar). Stateless.
 */
final class TakerBuyRatio implements Factor {

    @Override
    public String spec() {
        return "taker_buy_ratio";
    }

    @Override
    public String name() {
        return "taker_buy_ratio";
    }

    @Override
    public int stateSize() {
        return 0;
    }

    @Override
    public double update(Kline bar, double close, double[] state, int offset) {
        if (bar.volume == null || bar.takerBuyVolume == null || bar.volume.signum() == 0) {
            return Double.NaN;
        }
        return bar.takerBuyVolume.doubleValue() / bar.volume.doubleValue();
    }
}
