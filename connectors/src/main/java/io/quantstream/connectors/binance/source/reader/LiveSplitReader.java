package io.quantstream.connectors.binance.source.reader;

import io.quantstream.connectors.binance.BinanceLineParser;
import io.quantstream.connectors.binance.DecodeResult;
import io.quantstream.connectors.binance.RawLine;
import io.quantstream.connectors.binance.source.LiveRecord;
import io.quantstream.connectors.binance.source.LiveSourceSpec;
import io.quantstream.connectors.binance.source.MarketEndpoints;
import io.quantstream.connectors.binance.source.split.InstrumentSplit;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;

import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The fetcher side of a live reader: keeps the websocket connections of its instruments ({@link
 * StreamLink}), decodes their messages, runs the REST backfills and hands each instrument's
 * records over in id order ({@link InstrumentSync}). Runs on Flink's single fetcher thread; the
 * websocket callbacks only queue {@link ConnectionEvent}s.
 *
 * <p>One {@link #fetch()}: maintain the connections (connect, replace old ones, drop silent ones,
 * subscribe), drain queued events (waiting up to {@value #IDLE_WAIT_MILLIS} ms when there is
 * nothing to do), fetch at most one REST page per instrument that needs one (within the market's
 * request-weight budget), and return the records by split, with the splits that reached their stop
 * id as finished.
 *
 * <p>Dead letters (messages that do not decode, exchange error replies, trades of a symbol the
 * slot does not follow, raw {@code @trade} messages) are filed under an instrument of the connection that received them: they
 * change no split state.
 */
public final class LiveSplitReader implements SplitReader<LiveRecord, InstrumentSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSplitReader.class);
    static final long IDLE_WAIT_MILLIS = 50;
    private static final int MAX_EVENTS_PER_FETCH = 10_000;
    private static final String SOURCE_STAGE = "source";

    private final LiveSourceSpec spec;
    private final ReaderMetrics metrics;
    private final LongSupplier clock;
    private final Random random;
    private final HttpClient http;
    private final AggTradesClient rest;
    private final BlockingQueue<ConnectionEvent> events = new LinkedBlockingQueue<>();
    private final Map<String, InstrumentSync> instruments = new LinkedHashMap<>();
    private final Map<String, StreamLink> linkOf = new LinkedHashMap<>();
    private final List<StreamLink> links = new ArrayList<>();
    private final Map<Market, RateLimiter> restBudgets = new EnumMap<>(Market.class);
    private RecordsBySplits.Builder<LiveRecord> batch;

    /**
     * @param clock epoch milliseconds; {@code System::currentTimeMillis} outside tests
     * @param random jitter of the backoffs
     */
    public LiveSplitReader(LiveSourceSpec spec, ReaderMetrics metrics, LongSupplier clock, Random random) {
        this.spec = spec;
        this.metrics = metrics;
        this.clock = clock;
        this.random = random;
        this.http = HttpClient.newBuilder().connectTimeout(spec.restTimeout()).build();
        this.rest = new AggTradesClient(http, spec.restTimeout());
    }

    @Override
    public RecordsWithSplitIds<LiveRecord> fetch() {
        batch = new RecordsBySplits.Builder<>();
        long now = clock.getAsLong();
        links.forEach(link -> link.maintain(now));
        boolean backfilled = backfill(now);
        ConnectionEvent event = events.poll();
        if (event == null && !backfilled) {
            event = waitForEvent();
        }
        for (int n = 0; event != null && n < MAX_EVENTS_PER_FETCH; n++) {
            handle(event, clock.getAsLong());
            event = n + 1 < MAX_EVENTS_PER_FETCH ? events.poll() : null;
        }
        collect();
        RecordsBySplits<LiveRecord> records = batch.build();
        batch = null;
        return records;
    }

    @Override
    public void handleSplitsChanges(SplitsChange<InstrumentSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("unsupported split change " + change);
        }
        for (InstrumentSplit split : change.splits()) {
            Market market = split.instrument().market();
            MarketEndpoints endpoints = spec.endpoints(market);
            InstrumentSync sync = new InstrumentSync(split, spec.maxBufferedTrades(),
                    spec.emptyPagesBeforeGap(), backoff(), metrics);
            StreamLink link = links.stream()
                    .filter(l -> l.market() == market && l.hasRoom())
                    .findFirst()
                    .orElseGet(() -> newLink(market, endpoints));
            link.add(sync);
            instruments.put(split.splitId(), sync);
            linkOf.put(split.splitId(), link);
            LOG.info("following {} from aggTrade id {} on connection {}", split.splitId(),
                    split.lastAggTradeId(), link.id());
        }
    }

    @Override
    public void wakeUp() {
        events.add(ConnectionEvent.WAKEUP);
    }

    @Override
    public void close() {
        links.forEach(StreamLink::close);
    }

    private StreamLink newLink(Market market, MarketEndpoints endpoints) {
        ConnectionSchedule schedule = new ConnectionSchedule(backoff(),
                spec.maxConnectionAge().toMillis(), endpoints.idleTimeout().toMillis(), clock.getAsLong());
        StreamLink link = new StreamLink(links.size(), market, endpoints, http, spec.restTimeout(),
                spec.streamsPerSubscribe(), schedule, events, metrics);
        links.add(link);
        return link;
    }

    private Backoff backoff() {
        return new Backoff(spec.reconnectInitialBackoff().toMillis(), spec.reconnectMaxBackoff().toMillis(),
                spec.reconnectJitter(), random::nextDouble);
    }

    private ConnectionEvent waitForEvent() {
        try {
            return events.poll(IDLE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void handle(ConnectionEvent event, long now) {
        if (event.kind() == ConnectionEvent.Kind.WAKEUP) {
            return;
        }
        StreamLink link = links.get(event.link());
        switch (event.kind()) {
            case OPENED:
                link.onOpened(event.generation(), now);
                break;
            case CLOSED:
            case FAILED:
                link.onEnded(event.generation(), now, event.text());
                break;
            case PING:
                metrics.pings.inc();
                link.onFrame(event.generation(), now, false);
                break;
            case MESSAGE:
                metrics.messagesReceived.inc();
                link.onFrame(event.generation(), now, true);
                onMessage(link, event.text(), now);
                break;
            default:
                throw new IllegalStateException("unexpected event " + event);
        }
    }

    private void onMessage(StreamLink link, String text, long now) {
        RawLine line = link.line(text);
        DecodeResult result = BinanceLineParser.parse(line);
        switch (result.kind()) {
            case TRADE:
                Trade trade = result.trade();
                InstrumentSync sync = link.instrument(trade.symbol);
                if (!text.contains("aggTrade")) {
                    // a raw @trade message: its ids are trade ids, not aggTrade ids
                    deadLetter(link, DeadLetter.of(SOURCE_STAGE, "unexpected-stream",
                            "a trade message that is not an aggTrade", line.location(), text, trade.tradeTime));
                } else if (sync == null) {
                    deadLetter(link, DeadLetter.of(SOURCE_STAGE, "unsubscribed-symbol",
                            trade.symbol + " is not followed on this connection", line.location(), text,
                            trade.tradeTime));
                } else {
                    sync.onLive(trade, now);
                }
                break;
            case DEAD_LETTER:
                deadLetter(link, result.deadLetter());
                break;
            default:
                // subscription replies {"result":null,"id":n}; an error reply must not pass unseen
                if (text.contains("\"error\"")) {
                    deadLetter(link, DeadLetter.of(SOURCE_STAGE, "exchange-error",
                            "the exchange answered with an error", line.location(), text, Long.MIN_VALUE));
                }
        }
    }

    /** One REST page for each instrument that needs one and fits the budget; true if any ran. */
    private boolean backfill(long now) {
        boolean any = false;
        for (Map.Entry<String, InstrumentSync> entry : instruments.entrySet()) {
            InstrumentSync sync = entry.getValue();
            if (!sync.restDue(now)) {
                continue;
            }
            Market market = sync.instrument().market();
            MarketEndpoints endpoints = spec.endpoints(market);
            RateLimiter budget = restBudgets.computeIfAbsent(market,
                    m -> new RateLimiter(endpoints.restWeightPerMinute(), 60_000));
            if (!budget.tryAcquire(endpoints.aggTradesWeight(), now)) {
                continue;
            }
            any = true;
            metrics.restRequests.inc();
            try {
                AggTradesClient.Page page = rest.fetch(endpoints, sync.instrument(), sync.nextFromId(),
                        spec.restPageLimit());
                page.rejected().forEach(d -> add(entry.getKey(), LiveRecord.of(d)));
                metrics.deadLetters.inc(page.rejected().size());
                sync.onRestPage(page.trades(), spec.restPageLimit(), !page.rejected().isEmpty(),
                        clock.getAsLong());
            } catch (AggTradesClient.Unavailable e) {
                metrics.restErrors.inc();
                LOG.warn("{} backfill: REST unavailable, retrying: {}", entry.getKey(), e.getMessage());
                sync.onRestUnavailable(clock.getAsLong(), e.retryAfterMillis);
            } catch (AggTradesClient.Refused e) {
                metrics.restErrors.inc();
                LOG.warn("{} backfill: REST refused: {}", entry.getKey(), e.getMessage());
                sync.onRestRefused(e.getMessage());
            }
            add(entry.getKey(), null);
        }
        return any;
    }

    private void deadLetter(StreamLink link, DeadLetter deadLetter) {
        metrics.deadLetters.inc();
        InstrumentSync owner = link.anyInstrument();
        if (owner == null) {
            LOG.warn("dead letter on a connection with no instrument left: {}", deadLetter);
            return;
        }
        add(owner.instrument().key(), LiveRecord.of(deadLetter));
    }

    /** Adds {@code record} (if any) after the records {@code splitId}'s sync produced so far. */
    private void add(String splitId, LiveRecord record) {
        InstrumentSync sync = instruments.get(splitId);
        if (sync != null) {
            sync.drain().forEach(r -> batch.add(splitId, r));
        }
        if (record != null) {
            batch.add(splitId, record);
        }
    }

    /** Moves every sync's records into the batch and retires the finished splits. */
    private void collect() {
        for (Iterator<Map.Entry<String, InstrumentSync>> it = instruments.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, InstrumentSync> entry = it.next();
            add(entry.getKey(), null);
            if (entry.getValue().finished()) {
                batch.addFinishedSplit(entry.getKey());
                linkOf.remove(entry.getKey()).remove(entry.getValue());
                it.remove();
                LOG.info("{} reached its stop id", entry.getKey());
            }
        }
    }
}
