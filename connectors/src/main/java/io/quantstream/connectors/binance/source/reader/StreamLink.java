package io.quantstream.connectors.binance.source.reader;

import io.quantstream.connectors.binance.RawLine;
import io.quantstream.connectors.binance.RecordFormat;
import io.quantstream.connectors.binance.source.MarketEndpoints;
import io.quantstream.model.Market;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * One connection slot of a market: up to {@code streamsPerConnection} instruments on one
 * websocket, kept open across failures by its {@link ConnectionSchedule}. After each (re)connect
 * it subscribes every instrument again with {@code SUBSCRIBE} messages of up to {@code
 * streamsPerSubscribe} streams, sent no faster than the exchange's incoming-message limit less
 * one per second (kept for the pongs the client sends), and starts each instrument's catch-up
 * once its subscription is sent.
 */
final class StreamLink {

    private static final Logger LOG = LoggerFactory.getLogger(StreamLink.class);

    private final int id;
    private final Market market;
    private final MarketEndpoints endpoints;
    private final URI uri;
    private final HttpClient http;
    private final Duration timeout;
    private final int streamsPerSubscribe;
    private final Queue<ConnectionEvent> events;
    private final ReaderMetrics metrics;
    private final ConnectionSchedule schedule;
    private final Map<String, InstrumentSync> bySymbol = new LinkedHashMap<>();
    private final ArrayDeque<InstrumentSync> toSubscribe = new ArrayDeque<>();
    private RateLimiter outgoing;
    private StreamConnection connection;
    private int generation;
    private long messageNumber;
    private int requestId;
    private boolean everOpened;

    StreamLink(int id, Market market, MarketEndpoints endpoints, HttpClient http, Duration timeout,
            int streamsPerSubscribe, ConnectionSchedule schedule, Queue<ConnectionEvent> events,
            ReaderMetrics metrics) {
        this.id = id;
        this.market = market;
        this.endpoints = endpoints;
        this.uri = endpoints.streamUri();
        this.http = http;
        this.timeout = timeout;
        this.streamsPerSubscribe = streamsPerSubscribe;
        this.schedule = schedule;
        this.events = events;
        this.metrics = metrics;
    }

    int id() {
        return id;
    }

    Market market() {
        return market;
    }

    boolean hasRoom() {
        return bySymbol.size() < endpoints.streamsPerConnection();
    }

    void add(InstrumentSync sync) {
        bySymbol.put(sync.instrument().symbol(), sync);
        if (schedule.open()) {
            toSubscribe.add(sync);
        }
    }

    /** A finished instrument: its later trades are ignored by its sync, no unsubscribe needed. */
    void remove(InstrumentSync sync) {
        bySymbol.remove(sync.instrument().symbol());
        toSubscribe.remove(sync);
    }

    InstrumentSync instrument(String symbol) {
        return bySymbol.get(symbol);
    }

    /** Any instrument of the slot (records not tied to one are filed under it), or null. */
    InstrumentSync anyInstrument() {
        return bySymbol.isEmpty() ? null : bySymbol.values().iterator().next();
    }

    /** Opens, replaces or drops the connection as due, then sends subscriptions the limit allows. */
    void maintain(long now) {
        if (bySymbol.isEmpty()) {
            if (connection != null) {
                drop();
                schedule.recycled(now);
            }
            return;
        }
        switch (schedule.due(now)) {
            case CONNECT:
                generation++;
                schedule.connecting();
                connection = StreamConnection.open(http, uri, timeout, id, generation, events);
                break;
            case RECYCLE:
                LOG.info("{} connection {} reached its maximum age, replacing it", market, id);
                drop();
                schedule.recycled(now);
                break;
            case DEAD:
                LOG.warn("{} connection {} sent nothing for {}, reconnecting", market, id,
                        endpoints.idleTimeout());
                drop();
                schedule.closed(now);
                break;
            default:
        }
        subscribe(now);
    }

    void onOpened(int gen, long now) {
        if (gen != generation) {
            return;
        }
        schedule.opened(now);
        metrics.connected.incrementAndGet();
        if (everOpened) {
            metrics.reconnects.inc();
        }
        everOpened = true;
        outgoing = new RateLimiter(endpoints.incomingMessagesPerSecond() - 1, 1000);
        toSubscribe.clear();
        toSubscribe.addAll(bySymbol.values());
        LOG.info("{} connection {} open ({}), subscribing {} streams", market, id, uri, bySymbol.size());
    }

    void onEnded(int gen, long now, String reason) {
        if (gen != generation) {
            return;
        }
        LOG.warn("{} connection {} ended: {}", market, id, reason);
        if (schedule.open()) {
            metrics.connected.decrementAndGet();
        }
        connection = null;
        schedule.closed(now);
    }

    /** A frame of the current connection arrived; {@code data} = a message, not a ping. */
    void onFrame(int gen, long now, boolean data) {
        if (gen == generation) {
            schedule.frame(now, data);
        }
    }

    /** The message as a line for the parser: origin the stream URI, number per slot. */
    RawLine line(String text) {
        RawLine line = new RawLine();
        line.origin = uri.toString();
        line.lineNumber = ++messageNumber;
        line.format = RecordFormat.WS_JSON;
        line.market = market;
        line.text = text;
        return line;
    }

    void close() {
        drop();
    }

    private void subscribe(long now) {
        while (schedule.open() && !toSubscribe.isEmpty() && outgoing.tryAcquire(1, now)) {
            List<InstrumentSync> batch = new ArrayList<>();
            while (batch.size() < streamsPerSubscribe && !toSubscribe.isEmpty()) {
                batch.add(toSubscribe.poll());
            }
            StringBuilder message = new StringBuilder("{\"method\":\"SUBSCRIBE\",\"params\":[");
            for (int i = 0; i < batch.size(); i++) {
                message.append(i == 0 ? "\"" : ",\"").append(MarketEndpoints.aggTradeStream(batch.get(i).instrument())).append('"');
            }
            message.append("],\"id\":").append(++requestId).append('}');
            try {
                connection.send(message.toString(), timeout);
            } catch (IllegalStateException e) {
                LOG.warn("{} connection {}: subscribing failed, reconnecting: {}", market, id, e.getMessage());
                drop();
                schedule.closed(now);
                return;
            }
            batch.forEach(sync -> sync.startCatchUp(now));
        }
    }

    private void drop() {
        if (connection != null) {
            connection.abort();
            connection = null;
        }
        if (schedule.open()) {
            metrics.connected.decrementAndGet();
        }
        // events of the dropped connection still queued are recognised as stale
        generation++;
    }
}
