package io.quantstream.connectors.binance.source;

import io.quantstream.model.Market;
import io.quantstream.model.TradeGap;

/**
 * Aggregate trades of an instrument the live source could not deliver: the stream skipped them
 * (a reconnect, a restore) and the REST backfill could not serve them. Emitted in id order, in
 * place of the missing trades, so a reader of the output sees exactly which ids are absent.
 *
 * <p>Reasons: {@code history-expired} (REST answered {@code fromId} with a later first id: the
 * exchange no longer keeps them; USD-M and COIN-M keep about 24 hours), {@code rest-error} (REST
 * refused the request, {@link #detail} has the status and body), {@code rest-malformed} (REST
 * served them in a form that did not decode; the dead letters carry the raw text), {@code
 * not-served} (REST kept answering without trades while the live stream was already past them).
 *
 * <p>A Flink POJO: public fields, no-arg constructor.
 */
public class BackfillGap {
    public Market market;
    public String symbol;
    /** First missing aggregate trade id. */
    public long firstMissingAggTradeId;
    /** Last missing aggregate trade id, {@code >= firstMissingAggTradeId}. */
    public long lastMissingAggTradeId;
    /** Last raw trade id delivered before the gap; -1 when unknown (a configured start id). */
    public long lastTradeIdBefore = -1;
    /** First raw trade id delivered after the gap. */
    public long firstTradeIdAfter;
    /** Trade time (epoch ms UTC) of the trade before the gap; {@code Long.MIN_VALUE} when unknown. */
    public long timeBefore = Long.MIN_VALUE;
    /** Trade time (epoch ms UTC) of the trade after the gap; the record's timestamp. */
    public long timeAfter;
    /** Why the ids could not be delivered (see the class comment). */
    public String reason;
    /** What the exchange answered. */
    public String detail;

    public BackfillGap() {}

    /** Number of aggregate trades missing. */
    public long missingAggTrades() {
        return lastMissingAggTradeId - firstMissingAggTradeId + 1;
    }

    /**
     * The same gap in raw trade ids, with its {@link #reason}, for the {@code trade-gaps} output;
     * {@code lastTradeIdBefore} and {@code missingTrades} -1 when the source started from a
     * configured id (the raw id before is not known). The aggTrade ids and {@link #detail} are
     * on this record only ({@link #toString}).
     */
    public TradeGap toTradeGap() {
        TradeGap gap = new TradeGap();
        gap.symbol = symbol;
        gap.market = market;
        gap.lastTradeIdBefore = lastTradeIdBefore;
        gap.firstTradeIdAfter = firstTradeIdAfter;
        gap.missingTrades = lastTradeIdBefore < 0 ? -1 : firstTradeIdAfter - lastTradeIdBefore - 1;
        gap.timeBefore = timeBefore;
        gap.timeAfter = timeAfter;
        gap.reason = reason;
        return gap;
    }

    @Override
    public String toString() {
        return market + ":" + symbol + " gap " + reason + " aggTrades " + firstMissingAggTradeId + ".."
                + lastMissingAggTradeId + " (" + detail + ")";
    }
}
