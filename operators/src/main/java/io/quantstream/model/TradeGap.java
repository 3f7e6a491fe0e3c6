package io.quantstream.model;

/**
 * Trades missing from a symbol's stream: aggTrade ids (and raw trade ids) increase by one per
 * trade, so when the next trade's {@code firstTradeId} is above the previous
 * {@code lastTradeId + 1}, the trades in between were never received. Reported by the kline
 * stage (a hole in the ids it received) and by the live source (ids it could not fetch).
 */
public class TradeGap {
    public String symbol;
    public Market market;
    /** Last raw trade id received before the gap. */
    public long lastTradeIdBefore;
    /** First raw trade id received after the gap. */
    public long firstTradeIdAfter;
    /** Number of raw trades missing: {@code firstTradeIdAfter - lastTradeIdBefore - 1}. */
    public long missingTrades;
    /** Trade time (epoch ms UTC) of the last trade before the gap. */
    public long timeBefore;
    /** Trade time (epoch ms UTC) of the first trade after the gap. */
    public long timeAfter;
    /**
     * Why the trades are missing, when the reporter knows: the live source's reason for ids the
     * exchange did not serve ({@code history-expired}, {@code rest-error}, {@code rest-malformed},
     * {@code not-served}); null for a hole the kline stage found in the trades it received.
     */
    public String reason;

    public TradeGap() {}

    @Override
    public String toString() {
        return symbol + " gap of " + missingTrades + " trades after id " + lastTradeIdBefore
                + (reason == null ? "" : " (" + reason + ")");
    }
}
