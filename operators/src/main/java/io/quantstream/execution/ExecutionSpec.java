package io.quantstream.execution;

import io.quantstream.model.Instrument;
import io.quantstream.model.Interval;
import io.quantstream.model.Market;
import io.quantstream.portfolio.StrategySpec;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one strategy's target positions are executed and accounted for: its instruments, starting
 * equity, sizing buffer, gross-leverage cap, the costs of each market and the order limits of
 * each instrument.
 *
 * <pre>{@code
 * ExecutionSpec spec = ExecutionSpec.of(strategySpec, crossSectionSpec.instruments())
 *         .withCosts(Market.USDM, new MarketCosts(new BigDecimal("1"), new BigDecimal("4.5")))
 *         .withLot(Instrument.parse("usdm:BTCUSDT"),
 *                 new LotRule(new BigDecimal("0.001"), new BigDecimal("100")));
 * }</pre>
 *
 * @param strategy the strategy's name: the {@code reference} of its target positions, and the key
 * @param interval the strategy's bar interval; the ledger reports at every close of it
 * @param grossLeverage cap on {@code Σ |position| × price / equity} at a fill (e.g. 1.0)
 * @param initialEquity starting cash, quote currency, positive
 * @param cashBuffer fraction of equity left unallocated when weights become quantities, in [0, 1)
 * @param costs slippage and fee per market; every market of {@code instruments} needs one
 * @param lots order limits by instrument key ({@code MARKET:SYMBOL}); absent: {@link LotRule#NONE}
 * @param instruments the instruments the strategy may trade (its universe), linear contracts only
 */
public record ExecutionSpec(
        String strategy, Interval interval, double grossLeverage, BigDecimal initialEquity,
        double cashBuffer, Map<Market, MarketCosts> costs, Map<String, LotRule> lots,
        List<Instrument> instruments) implements Serializable {

    /** Default {@link #cashBuffer}: 2 % of equity stays unallocated (the multi-factor seed's). */
    public static final double DEFAULT_CASH_BUFFER = 0.02;
    /** Scale of quantities without a step size: 8 decimals, as Binance prints them. */
    public static final int QUANTITY_SCALE = 8;

    /**
     * @throws IllegalArgumentException on a blank strategy, a leverage that is not positive and
     *     finite, an initial equity that is not positive, a buffer outside [0, 1), no instruments,
     *     a COIN-M instrument (inverse: equity in coin, not {@code cash + Σ q × close}),
     *     or a market without costs
     */
    public ExecutionSpec {
        if (strategy == null || strategy.isBlank() || interval == null) {
            throw new IllegalArgumentException("strategy and interval are required");
        }
        if (!(grossLeverage > 0) || Double.isInfinite(grossLeverage)) {
            throw new IllegalArgumentException("grossLeverage must be positive: " + grossLeverage);
        }
        if (initialEquity == null || initialEquity.signum() <= 0) {
            throw new IllegalArgumentException("initial equity must be positive: " + initialEquity);
        }
        if (!(cashBuffer >= 0 && cashBuffer < 1)) {
            throw new IllegalArgumentException("cashBuffer must be in [0, 1): " + cashBuffer);
        }
        if (instruments == null || instruments.isEmpty()) {
            throw new IllegalArgumentException("strategy " + strategy + " has no instruments");
        }
        instruments = List.copyOf(new LinkedHashSet<>(instruments));
        costs = Map.copyOf(costs);
        lots = Map.copyOf(lots);
        for (Instrument i : instruments) {
            if (i.market() == Market.COINM) {
                throw new IllegalArgumentException(i + ": COIN-M (inverse) contracts are not"
                        + " supported by the simulated execution");
            }
            if (!costs.containsKey(i.market())) {
                throw new IllegalArgumentException(i + ": no costs for market " + i.market());
            }
        }
    }

    /**
     * The strategy's execution with the defaults: its name, interval and gross leverage, its
     * {@code equity} as the starting equity, a {@link #DEFAULT_CASH_BUFFER}, Binance's Regular-tier
     * costs ({@link MarketCosts#BINANCE_USDM}, {@link MarketCosts#BINANCE_SPOT}) and no lot rules.
     */
    public static ExecutionSpec of(StrategySpec strategy, List<Instrument> instruments) {
        Map<Market, MarketCosts> costs = new EnumMap<>(Market.class);
        costs.put(Market.USDM, MarketCosts.BINANCE_USDM);
        costs.put(Market.SPOT, MarketCosts.BINANCE_SPOT);
        return new ExecutionSpec(strategy.name(), Interval.parse(strategy.interval()),
                strategy.grossLeverage(), strategy.equity(), DEFAULT_CASH_BUFFER, costs, Map.of(),
                instruments);
    }

    /** This spec with another cash buffer. */
    public ExecutionSpec withCashBuffer(double buffer) {
        return new ExecutionSpec(strategy, interval, grossLeverage, initialEquity, buffer, costs,
                lots, instruments);
    }

    /** This spec with other costs on {@code market}. */
    public ExecutionSpec withCosts(Market market, MarketCosts marketCosts) {
        Map<Market, MarketCosts> changed = new EnumMap<>(costs);
        changed.put(market, marketCosts);
        return new ExecutionSpec(strategy, interval, grossLeverage, initialEquity, cashBuffer,
                changed, lots, instruments);
    }

    /** This spec with order limits on {@code instrument}. */
    public ExecutionSpec withLot(Instrument instrument, LotRule rule) {
        Map<String, LotRule> changed = new HashMap<>(lots);
        changed.put(instrument.key(), rule);
        return new ExecutionSpec(strategy, interval, grossLeverage, initialEquity, cashBuffer,
                costs, changed, instruments);
    }

    /** The keys ({@code MARKET:SYMBOL}) of the instruments the strategy trades. */
    public Set<String> instrumentKeys() {
        Set<String> keys = new HashSet<>();
        instruments.forEach(i -> keys.add(i.key()));
        return keys;
    }

    /** The order limits of the instrument of key {@code MARKET:SYMBOL}. */
    public LotRule lot(String instrumentKey) {
        return lots.getOrDefault(instrumentKey, LotRule.NONE);
    }
}
