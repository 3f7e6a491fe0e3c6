package io.quantstream.model;

import java.math.BigDecimal;

/**
 * One Binance aggregate trade (aggTrade). A raw {@code @trade} message maps to an aggTrade with
 * {@code aggTradeId = firstTradeId = lastTradeId = t}.
 *
 * <p>A Flink POJO: public fields, no-arg constructor; serialized without Kryo.
 */
public class Trade {
    /** Exchange symbol, upper case, e.g. {@code BTCUSDT}. */
    public String symbol;
    /** Market the symbol trades on. */
    public Market market;
    /** Aggregate trade id ({@code a}); increases by one per trade message of a symbol. */
    public long aggTradeId;
    /** First raw trade id in this aggregate ({@code f}). */
    public long firstTradeId;
    /** Last raw trade id in this aggregate ({@code l}); {@code >= firstTradeId}. */
    public long lastTradeId;
    /** Price in quote currency, exactly as printed by the exchange. */
    public BigDecimal price;
    /** Quantity in base currency (COIN-M: contracts), exactly as printed. */
    public BigDecimal quantity;
    /** Trade time ({@code T}), epoch milliseconds UTC. */
    public long tradeTime;
    /** True when the buyer was the maker, i.e. the taker sold ({@code m}). */
    public boolean buyerIsMaker;
    /**
     * USD-M execution type ({@code X}: {@code MARKET}, {@code INSURANCE_FUND}, {@code ADL},
     * {@code NA}); null when the source does not carry it (aggTrades, archive files).
     */
    public String executionType;

    public Trade() {}

    /**
     * Whether the trade belongs in Binance's klines: every trade but USD-M insurance-fund, ADL
     * and {@code NA} executions ({@code ../shared/data/README.md}).
     */
    public boolean isMarketTrade() {
        return executionType == null || "MARKET".equals(executionType);
    }

    /** Number of raw trades in this aggregate: {@code lastTradeId - firstTradeId + 1}. */
    public long tradeCount() {
        return lastTradeId - firstTradeId + 1;
    }

    @Override
    public String toString() {
        return symbol + "#" + aggTradeId + "[" + firstTradeId + ".." + lastTradeId + "] "
                + price + " x " + quantity + " @" + tradeTime + (buyerIsMaker ? " m" : " t");
    }
}
