package io.quantstream.jobs.config;

import io.quantstream.model.Instrument;
import io.quantstream.model.Market;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a backtest needs beyond a file job's settings: {@code mode: batch}, a universe, a
 * cross-section and a strategy (the targets it trades), an input ({@code klines} or
 * {@code trades}), a range ({@code backtest.from} before
 * {@code backtest.to}, {@link RangeBounds}), execution settings {@link
 * io.quantstream.execution.ExecutionSpec} accepts, and a catalog to read.
 */
final class BacktestChecks {

    private BacktestChecks() {}

    static void check(JobConfig config, List<String> p) {
        if (!"batch".equalsIgnoreCase(config.mode)) {
            p.add("mode: a backtest runs in batch mode over the Iceberg tables, got '" + config.mode
                    + "' (set mode: batch, or --mode batch)");
        }
        if (config.universe == null || config.crossSection == null || config.strategy == null) {
            p.add("strategy: a backtest trades the targets of a strategy; the config needs"
                    + " universe, crossSection and strategy sections");
        }
        String input = config.backtest.input;
        if (!JobConfig.Backtest.KLINES.equals(input) && !JobConfig.Backtest.TRADES.equals(input)) {
            p.add("backtest.input: '" + input + "' is not an input; inputs: "
                    + JobConfig.Backtest.KLINES + " (1m bars of market.klines), "
                    + JobConfig.Backtest.TRADES + " (trades of market.trades)");
        }
        checkRange(config.backtest, p);
        if (!config.backtest.output.isBlank()
                && Files.isRegularFile(Path.of(config.backtest.output))) {
            p.add("backtest.output: " + config.backtest.output + " is a file, not a folder (the"
                    + " report is a folder, created when missing)");
        }
        checkExecution(config, p);
        p.addAll(config.catalog.spec().problems());
    }

    private static void checkRange(JobConfig.Backtest backtest, List<String> p) {
        Long from = bound(p, "backtest.from", backtest.from, true);
        Long to = bound(p, "backtest.to", backtest.to, false);
        if (from != null && to != null && from >= to) {
            p.add("backtest.to: '" + backtest.to + "' is not after backtest.from '" + backtest.from
                    + "' (a day is inclusive: --from 2026-02-01 --to 2026-02-01 is one day)");
        }
    }

    private static Long bound(List<String> p, String key, String text, boolean start) {
        try {
            return start ? RangeBounds.from(text) : RangeBounds.to(text);
        } catch (IllegalArgumentException e) {
            p.add(key + ": " + e.getMessage());
            return null;
        }
    }

    private static void checkExecution(JobConfig config, List<String> p) {
        JobConfig.Execution execution = config.execution;
        if (!(execution.cashBuffer >= 0 && execution.cashBuffer < 1)) {
            p.add("execution.cashBuffer: " + execution.cashBuffer + " is not a fraction in [0, 1)"
                    + " (0.02 keeps 2 % of equity unallocated)");
        }
        for (Map.Entry<String, JobConfig.Costs> costs : execution.costs.entrySet()) {
            String key = "execution.costs." + costs.getKey();
            try {
                if (Market.parse(costs.getKey()) == Market.COINM) {
                    p.add(key + ": COIN-M (inverse) contracts are not simulated; markets: usdm, spot");
                }
            } catch (IllegalArgumentException e) {
                p.add(key + ": " + e.getMessage());
            }
            JobConfig.Costs c = costs.getValue();
            if (c == null) {
                continue;
            }
            notNegative(p, key + ".slippageBps", c.slippageBps);
            notNegative(p, key + ".takerFeeBps", c.takerFeeBps);
        }
        List<Instrument> universe = universe(config);
        if (universe != null) {
            universe.stream().filter(i -> i.market() == Market.COINM).findFirst().ifPresent(i ->
                    p.add("universe.symbols: " + i + ": COIN-M (inverse) contracts are not"
                            + " simulated by a backtest"));
        }
        for (Map.Entry<String, JobConfig.Lot> lot : execution.lots.entrySet()) {
            String key = "execution.lots." + lot.getKey();
            try {
                Instrument instrument = Instrument.parse(lot.getKey());
                if (universe != null && !universe.contains(instrument)) {
                    p.add(key + ": " + instrument + " is not in the universe " + universe);
                }
            } catch (IllegalArgumentException e) {
                p.add(key + ": " + e.getMessage() + " (lots are keyed by instrument, e.g."
                        + " usdm:BTCUSDT)");
            }
            JobConfig.Lot l = lot.getValue();
            if (l != null) {
                positive(p, key + ".stepSize", l.stepSize);
                positive(p, key + ".minNotional", l.minNotional);
            }
        }
    }

    /** The universe's instruments, or null when they do not parse (reported elsewhere). */
    private static List<Instrument> universe(JobConfig config) {
        try {
            return config.universeInstruments();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void notNegative(List<String> p, String key, BigDecimal value) {
        if (value != null && value.signum() < 0) {
            p.add(key + ": " + value.toPlainString() + " must not be negative (basis points)");
        }
    }

    private static void positive(List<String> p, String key, BigDecimal value) {
        if (value != null && value.signum() <= 0) {
            p.add(key + ": " + value.toPlainString() + " must be positive");
        }
    }
}
