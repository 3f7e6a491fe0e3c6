package io.quantstream.connectors.replay;

import io.quantstream.model.DeadLetter;
import java.util.List;
import java.util.Map;

/**
 * What one replay did.
 *
 * @param published trades written to the topic (committed)
 * @param instruments instrument keys ({@code usdm:BTCUSDT}) with trades published, sorted
 * @param alreadyPublished trades passed over because the topic held their instrument's id or a
 *     later one when the replay started (what an earlier, interrupted run had published)
 * @param rejected lines that did not decode and trades whose id was not above the last id
 *     published for their instrument (repeats, ids going back), by {@code stage/reason}
 * @param firstRejected the first {@value Rejections#EXAMPLES} of them, with origin {@code file:line}
 * @param otherMessages lines that are not trades: other websocket streams, CSV headers
 * @param inputBytes size of the trade files on disk
 * @param publishedBytes keys and values written
 * @param transactions transactions committed
 * @param firstTradeTime trade time of the first trade published, epoch ms UTC; {@code Long.MIN_VALUE} if none
 * @param lastTradeTime trade time of the last trade published, epoch ms UTC; {@code Long.MIN_VALUE} if none
 * @param seconds wall time of the replay
 * @param completed whether every input trade was read ({@code false} after {@code limit} trades)
 */
public record ReplaySummary(
        long published,
        List<String> instruments,
        long alreadyPublished,
        Map<String, Long> rejected,
        List<DeadLetter> firstRejected,
        long otherMessages,
        long inputBytes,
        long publishedBytes,
        long transactions,
        long firstTradeTime,
        long lastTradeTime,
        double seconds,
        boolean completed) {

    /** Trades rejected, all reasons. */
    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
}
