package io.quantstream.factor;

import io.quantstream.model.Kline;
import io.quantstream.testing.Klines;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A random walk of 1m klines with every field set, and one gap-filled bar in twenty. */
final class RandomKlines {

    private RandomKlines() {}

    /**
     * {@link #walk} of each symbol (seeds {@code firstSeed}, {@code firstSeed + 1}, …), merged in
     * open-time order as a keyed stream of several instruments receives them.
     */
    static List<Kline> interleaved(int bars, long firstSeed, String... symbols) {
        List<Kline> klines = new ArrayList<>();
        for (int i = 0; i < symbols.length; i++) {
            klines.addAll(walk(symbols[i], bars, firstSeed + i));
        }
        klines.sort((a, b) -> Long.compare(a.openTime, b.openTime));
        return klines;
    }

    static List<Kline> walk(String symbol, int bars, long seed) {
        Random random = new Random(seed);
        List<Kline> klines = new ArrayList<>();
        double close = 100;
        for (int i = 0; i < bars; i++) {
            String price = price(close);
            if (random.nextInt(20) == 0) {
                klines.add(Klines.empty(symbol, i, price));
                continue;
            }
            double open = close;
            close = Math.max(1, close * (1 + random.nextGaussian() * 0.002));
            double high = Math.max(open, close) * (1 + random.nextDouble() * 0.001);
            double low = Math.min(open, close) * (1 - random.nextDouble() * 0.001);
            Kline k = Klines.bar(symbol, i, price(close));
            k.open = new BigDecimal(price(open));
            k.high = new BigDecimal(price(high));
            k.low = new BigDecimal(price(low));
            k.volume = BigDecimal.valueOf(1 + random.nextInt(5000), 3);
            k.quoteVolume = k.volume.multiply(new BigDecimal(price((open + close) / 2)));
            k.takerBuyVolume = k.volume.multiply(BigDecimal.valueOf(random.nextInt(101), 2))
                    .setScale(3, RoundingMode.DOWN);
            k.takerBuyQuoteVolume = k.takerBuyVolume.multiply(new BigDecimal(price(close)));
            k.count = 1 + random.nextInt(300);
            klines.add(k);
        }
        return klines;
    }

    private static String price(double p) {
        return BigDecimal.valueOf(p).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
