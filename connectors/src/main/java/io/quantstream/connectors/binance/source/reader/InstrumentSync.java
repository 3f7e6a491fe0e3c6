package io.quantstream.connectors.binance.source.reader;

import io.quantstream.connectors.binance.source.BackfillGap;
import io.quantstream.connectors.binance.source.LiveRecord;
import io.quantstream.connectors.binance.source.split.InstrumentSplit;
import io.quantstream.model.Instrument;
import io.quantstream.model.Trade;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers one instrument's aggregate trades in id order, each id once, from two inputs: the live
 * stream and REST pages. Holds the last delivered id {@code L}:
 *
 * <ul>
 *   <li>a live trade {@code L + 1} is delivered; one {@code <= L} is a duplicate and dropped; one
 *       above {@code L + 1} is buffered and a backfill starts (REST {@code fromId = L + 1});
 *   <li>after a reconnect or a restore ({@link #startCatchUp}) a backfill starts before any live
 *       trade arrives, so a quiet instrument catches up too;
 *   <li>a REST page delivers its trades above {@code L}, then the buffered live trades that now
 *       follow; the backfill ends when REST has nothing more and nothing is buffered;
 *   <li>ids REST cannot serve become a {@link BackfillGap} in their place: its first id is above
 *       the wanted one ({@code history-expired}), it refuses the request ({@code rest-error}), or
 *       it keeps answering empty while live trades wait ({@code not-served}).
 * </ul>
 *
 * Records go to {@link #drain()}; nothing above the split's stop id is delivered. Pure logic: the
 * caller does the I/O and passes the clock.
 */
final class InstrumentSync {

    private final Instrument instrument;
    private final long stopAfter;
    private final int maxBuffered;
    private final int emptyPagesBeforeGap;
    private final Backoff restBackoff;
    private final ReaderMetrics metrics;
    private final ArrayDeque<Trade> live = new ArrayDeque<>();
    private final List<LiveRecord> out = new ArrayList<>();
    private long last;
    private long lastTradeId;
    private long lastTradeTime;
    private boolean backfilling;
    private long restDueAt;
    private int emptyPages;
    private String refusal;

    InstrumentSync(InstrumentSplit split, int maxBuffered, int emptyPagesBeforeGap, Backoff restBackoff,
            ReaderMetrics metrics) {
        this.instrument = split.instrument();
        this.stopAfter = split.stopAfterAggTradeId();
        this.maxBuffered = maxBuffered;
        this.emptyPagesBeforeGap = emptyPagesBeforeGap;
        this.restBackoff = restBackoff;
        this.metrics = metrics;
        this.last = split.lastAggTradeId();
        this.lastTradeId = split.lastTradeId();
        this.lastTradeTime = split.lastTradeTime();
    }

    Instrument instrument() {
        return instrument;
    }

    /** The stream is (again) subscribed: fetch what was missed since {@code L}, if {@code L} is known. */
    void startCatchUp(long now) {
        refusal = null;
        if (last != InstrumentSplit.NONE && !finished()) {
            startBackfill(now);
        }
    }

    void onLive(Trade trade, long now) {
        long id = trade.aggTradeId;
        if (finished()) {
            return;
        }
        if ((last != InstrumentSplit.NONE && id <= last)
                || (!live.isEmpty() && id <= live.peekLast().aggTradeId)) {
            metrics.duplicatesDropped.inc();
            return;
        }
        if (!backfilling && live.isEmpty()) {
            if (last == InstrumentSplit.NONE || id == last + 1) {
                deliver(trade);
                return;
            }
            if (refusal != null) {
                gap(trade, "rest-error", refusal);
                refusal = null;
                deliver(trade);
                return;
            }
            startBackfill(now);
        }
        live.addLast(trade);
        if (live.size() > maxBuffered) {
            // REST serves it later: the backfill simply runs further
            live.pollFirst();
        }
    }

    /** Whether a REST page is wanted at {@code now}. */
    boolean restDue(long now) {
        return backfilling && !finished() && now >= restDue();
    }

    long restDue() {
        return restDueAt;
    }

    boolean backfilling() {
        return backfilling && !finished();
    }

    /** The {@code fromId} of the next REST request. */
    long nextFromId() {
        return last + 1;
    }

    /**
     * A REST page from {@link #nextFromId()} arrived.
     *
     * @param limit the page size asked for: a shorter page means REST has nothing more yet
     * @param hadRejected the page had entries that did not decode (their dead letters are out)
     */
    void onRestPage(List<Trade> page, int limit, boolean hadRejected, long now) {
        if (!page.isEmpty()) {
            restBackoff.reset();
        }
        restDueAt = now;
        for (Trade trade : page) {
            if (trade.aggTradeId <= last) {
                metrics.duplicatesDropped.inc();
                continue;
            }
            if (trade.aggTradeId > last + 1) {
                gap(trade, hadRejected ? "rest-malformed" : "history-expired",
                        "REST fromId " + (last + 1) + " answered from id " + trade.aggTradeId);
            }
            if (!deliver(trade)) {
                break;
            }
            metrics.backfilledTrades.inc();
        }
        drainLive();
        if (live.isEmpty()) {
            if (page.size() < limit) {
                backfilling = false;
            }
            emptyPages = 0;
            return;
        }
        if (page.size() < limit) {
            // REST is behind the live stream: ask again later, and give up on ids it never serves
            emptyPages = page.isEmpty() ? emptyPages + 1 : 0;
            if (emptyPages >= emptyPagesBeforeGap) {
                gap(live.peekFirst(), "not-served",
                        emptyPages + " empty REST pages from id " + (last + 1));
                emptyPages = 0;
                drainLive();
                backfilling = !live.isEmpty();
            } else {
                restDueAt = now + restBackoff.nextDelay();
            }
        }
    }

    /** REST failed for a passing reason (timeout, 5xx, rate limit): try again later. */
    void onRestUnavailable(long now, long retryAfterMillis) {
        restDueAt = now + Math.max(retryAfterMillis, restBackoff.nextDelay());
    }

    /**
     * REST refused the request for good (a 4xx, e.g. ids too old): the ids up to the next live
     * trade are reported as a gap, now if one is buffered, else when it arrives.
     */
    void onRestRefused(String detail) {
        if (live.isEmpty()) {
            refusal = detail;
            backfilling = false;
            return;
        }
        gap(live.peekFirst(), "rest-error", detail);
        drainLive();
        backfilling = !live.isEmpty();
    }

    /** Whether everything up to the stop id was delivered. */
    boolean finished() {
        return last >= stopAfter;
    }

    /** The records produced since the last call, in delivery order. */
    List<LiveRecord> drain() {
        if (out.isEmpty()) {
            return List.of();
        }
        List<LiveRecord> records = new ArrayList<>(out);
        out.clear();
        return records;
    }

    private void startBackfill(long now) {
        if (!backfilling) {
            backfilling = true;
            emptyPages = 0;
            restBackoff.reset();
            restDueAt = now;
        }
    }

    private void drainLive() {
        while (!live.isEmpty() && live.peekFirst().aggTradeId <= last + 1) {
            Trade trade = live.pollFirst();
            if (trade.aggTradeId <= last) {
                metrics.duplicatesDropped.inc();
            } else if (!deliver(trade)) {
                live.clear();
            }
        }
    }

    /** Delivers {@code trade} unless it is past the stop id; false when it is. */
    private boolean deliver(Trade trade) {
        if (trade.aggTradeId > stopAfter) {
            return false;
        }
        out.add(LiveRecord.of(trade));
        last = trade.aggTradeId;
        lastTradeId = trade.lastTradeId;
        lastTradeTime = trade.tradeTime;
        return true;
    }

    /** Reports the ids from {@code L + 1} to just before {@code next} (or the stop id) as missing. */
    private void gap(Trade next, String reason, String detail) {
        BackfillGap gap = new BackfillGap();
        gap.market = instrument.market();
        gap.symbol = instrument.symbol();
        gap.firstMissingAggTradeId = last + 1;
        gap.lastMissingAggTradeId = Math.min(next.aggTradeId - 1, stopAfter);
        gap.lastTradeIdBefore = lastTradeId;
        gap.firstTradeIdAfter = next.firstTradeId;
        gap.timeBefore = lastTradeTime;
        gap.timeAfter = next.tradeTime;
        gap.reason = reason;
        gap.detail = detail;
        out.add(LiveRecord.of(gap));
        metrics.gaps.inc();
        metrics.missedTrades.inc(gap.missingAggTrades());
        last = gap.lastMissingAggTradeId;
        lastTradeId = next.firstTradeId - 1;
    }
}
