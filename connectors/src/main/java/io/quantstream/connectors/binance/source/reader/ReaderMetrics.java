package io.quantstream.connectors.binance.source.reader;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Metrics of one live reader (group {@code binanceLive} under the source reader's group). Counters
 * are updated by the reader's fetcher thread only.
 *
 * <ul>
 *   <li>{@code connected}: open websocket connections (gauge);
 *   <li>{@code reconnects}: connections opened after the first one of a slot;
 *   <li>{@code messagesReceived}, {@code pings}: websocket messages and server pings;
 *   <li>{@code backfilledTrades}: trades emitted from the REST backfill; {@code restRequests},
 *       {@code restErrors};
 *   <li>{@code gaps}, {@code missedTrades}: gap records and the aggTrades they cover;
 *   <li>{@code duplicatesDropped}: trades seen again (live after backfill, live repeats);
 *   <li>{@code deadLetters}: messages or REST entries that did not decode.
 * </ul>
 */
public final class ReaderMetrics {

    final AtomicInteger connected = new AtomicInteger();
    final Counter reconnects;
    final Counter messagesReceived;
    final Counter pings;
    final Counter backfilledTrades;
    final Counter restRequests;
    final Counter restErrors;
    final Counter gaps;
    final Counter missedTrades;
    final Counter duplicatesDropped;
    final Counter deadLetters;

    public ReaderMetrics(MetricGroup parent) {
        MetricGroup group = parent.addGroup("binanceLive");
        group.gauge("connected", connected::get);
        reconnects = group.counter("reconnects");
        messagesReceived = group.counter("messagesReceived");
        pings = group.counter("pings");
        backfilledTrades = group.counter("backfilledTrades");
        restRequests = group.counter("restRequests");
        restErrors = group.counter("restErrors");
        gaps = group.counter("gaps");
        missedTrades = group.counter("missedTrades");
        duplicatesDropped = group.counter("duplicatesDropped");
        deadLetters = group.counter("deadLetters");
    }

    public int connected() {
        return connected.get();
    }

    public long reconnects() {
        return reconnects.getCount();
    }

    public long messagesReceived() {
        return messagesReceived.getCount();
    }

    public long pings() {
        return pings.getCount();
    }

    public long backfilledTrades() {
        return backfilledTrades.getCount();
    }

    public long restRequests() {
        return restRequests.getCount();
    }

    public long restErrors() {
        return restErrors.getCount();
    }

    public long gaps() {
        return gaps.getCount();
    }

    public long missedTrades() {
        return missedTrades.getCount();
    }

    public long duplicatesDropped() {
        return duplicatesDropped.getCount();
    }

    public long deadLetters() {
        return deadLetters.getCount();
    }
}
