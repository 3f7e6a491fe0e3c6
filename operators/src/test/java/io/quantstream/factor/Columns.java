package io.quantstream.factor;

import io.quantstream.model.Kline;
import java.util.List;

/** The bar fields of a series of klines as doubles, as the reference computations read them. */
final class Columns {

    final double[] open;
    final double[] high;
    final double[] low;
    final double[] close;
    final double[] volume;
    final double[] takerBuyVolume;
    /** Quote volume over volume (NaN without volume). */
    final double[] vwap;

    Columns(List<Kline> bars) {
        int n = bars.size();
        open = new double[n];
        high = new double[n];
        low = new double[n];
        close = new double[n];
        volume = new double[n];
        takerBuyVolume = new double[n];
        vwap = new double[n];
        for (int t = 0; t < n; t++) {
            Kline k = bars.get(t);
            open[t] = k.open.doubleValue();
            high[t] = k.high.doubleValue();
            low[t] = k.low.doubleValue();
            close[t] = k.close.doubleValue();
            volume[t] = k.volume.doubleValue();
            takerBuyVolume[t] = k.takerBuyVolume.doubleValue();
            vwap[t] = volume[t] == 0 ? Double.NaN : k.quoteVolume.doubleValue() / volume[t];
        }
    }
}
