package io.quantstream.jobs.config;

import io.quantstream.model.Instrument;
import io.quantstream.model.Market;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The instruments a job config's {@code universe} names. An entry of {@code universe.symbols} is
 * {@code market:SYMBOL} ({@code usdm:BTCUSDT}, {@code spot:BTCUSDT}), or a bare {@code SYMBOL} on
 * {@code universe.market}, else on {@code input.market}:
 *
 * <pre>
 * universe:
 *   name: basis
 *   market: usdm                                  # the market of bare symbols
 *   symbols: [BTCUSDT, ETHUSDT, spot:BTCUSDT]     # USD-M BTCUSDT and ETHUSDT, spot BTCUSDT
 * </pre>
 */
final class UniverseInstruments {

    private UniverseInstruments() {}

    /**
     * The universe's instruments, in the order written.
     *
     * @throws IllegalArgumentException naming the first entry that is not an instrument
     */
    static List<Instrument> of(JobConfig config) {
        List<String> problems = new ArrayList<>();
        List<Instrument> instruments = check(config, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return instruments;
    }

    /**
     * The universe's instruments, with a problem (naming {@code universe.market} or
     * {@code universe.symbols}) for each entry that is not one.
     */
    static List<Instrument> check(JobConfig config, List<String> p) {
        JobConfig.Universe universe = config.universe;
        Market market = null;
        String marketKey = universe.market.isBlank() ? "input.market" : "universe.market";
        String marketText = universe.market.isBlank() ? config.input.market : universe.market;
        if (!marketText.isBlank()) {
            try {
                market = Market.parse(marketText.trim());
            } catch (IllegalArgumentException e) {
                if (marketKey.equals("universe.market")) {
                    p.add("universe.market: '" + marketText + "' is not a market; markets: spot,"
                            + " usdm, coinm");
                }
                return List.of(); // input.market: reported by ConfigValidator
            }
        }
        List<Instrument> instruments = new ArrayList<>();
        for (String entry : universe.symbols) {
            int colon = entry.indexOf(':');
            String symbol = entry.substring(colon + 1).trim();
            if (symbol.isBlank() || !symbol.equals(symbol.toUpperCase(Locale.ROOT))) {
                p.add("universe.symbols: '" + entry + "' is not an upper-case symbol such as"
                        + " BTCUSDT (or market:SYMBOL, e.g. usdm:BTCUSDT)");
                continue;
            }
            if (colon < 0 && market == null) {
                p.add("universe.symbols: '" + entry + "' names no market; write usdm:" + symbol
                        + " (markets: spot, usdm, coinm) or set universe.market");
                continue;
            }
            try {
                instruments.add(Instrument.parse(entry, market));
            } catch (IllegalArgumentException e) {
                p.add("universe.symbols: '" + entry + "': " + e.getMessage());
            }
        }
        return instruments;
    }

    /** An instrument as the configuration writes it: {@code usdm:BTCUSDT}. */
    static String label(Instrument instrument) {
        return instrument.market().label() + ":" + instrument.symbol();
    }
}
