package io.quantstream.execution;

import io.quantstream.model.FundingRate;
import io.quantstream.model.Instrument;
import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.TargetPosition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded random market of three USD-M instruments (1m random walks, with a gap at the open now
 * and then), a 5m strategy whose dollar-neutral targets come every 5 minutes, and funding every
 * 30 minutes 2 ms after the minute: enough to exercise cuts, skips and funding in tests of order
 * and state. {@link #events} are sorted by record timestamp (bar close, target time, funding time).
 */
final class Scenario {

    static final String STRATEGY = "scenario";
    static final List<String> SYMBOLS = List.of("AAAUSDT", "BBBUSDT", "CCCUSDT");

    final List<Object> events = new ArrayList<>();

    Scenario(long seed, int minutes) {
        Random random = new Random(seed);
        double[] price = {100, 20, 3};
        for (int i = 0; i < minutes; i++) {
            for (int s = 0; s < SYMBOLS.size(); s++) {
                double gap = random.nextInt(12) == 0 ? 1 + (random.nextDouble() - 0.5) * 0.2 : 1;
                double open = price[s] * gap;
                price[s] = open * (1 + random.nextGaussian() * 0.004);
                events.add(Bars.bar(SYMBOLS.get(s), i, decimal(open), decimal(price[s])));
            }
            if (i % 30 == 29) {
                for (String symbol : SYMBOLS) {
                    events.add(Bars.funding(symbol, Bars.open(i + 1) + 2,
                            BigDecimal.valueOf(random.nextInt(21) - 10, 5).toPlainString()));
                }
            }
            if (i % 5 == 4) {
                double a = (random.nextDouble() - 0.5) * 1.2;
                double b = (random.nextDouble() - 0.5) * 1.2;
                double[] w = {a, b, -(a + b)};
                for (int s = 0; s < SYMBOLS.size(); s++) {
                    events.add(Bars.target(STRATEGY, SYMBOLS.get(s), Bars.close(i), w[s]));
                }
            }
        }
        events.sort(Comparator.comparingLong(Scenario::timestamp));
    }

    /** Leverage 1, equity 10000, slippage 2 bps, fee 5 bps; AAA step 0.001, BBB minimum 200. */
    static ExecutionSpec spec() {
        return new ExecutionSpec(STRATEGY, Interval.parse("5m"), 1.0, new BigDecimal("10000"),
                0.02, Map.of(Market.USDM, MarketCosts.BINANCE_USDM), Map.of(), SYMBOLS.stream()
                        .map(s -> new Instrument(Market.USDM, s)).toList())
                .withLot(new Instrument(Market.USDM, "AAAUSDT"), new LotRule(new BigDecimal("0.001"), null))
                .withLot(new Instrument(Market.USDM, "BBBUSDT"), new LotRule(null, new BigDecimal("200")));
    }

    /** The record timestamp of an event at the stage's input. */
    static long timestamp(Object event) {
        if (event instanceof Kline k) {
            return k.closeTime;
        }
        if (event instanceof TargetPosition t) {
            return t.time;
        }
        return ((FundingRate) event).calcTime;
    }

    private static String decimal(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
    }
}
