package io.quantstream.connectors.binance.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quantstream.connectors.binance.source.CaptureTrades.CapturedTrade;
import io.quantstream.model.Market;

import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for Binance USD-M market data, on 127.0.0.1 only: a websocket server (combined
 * streams at {@code /stream}, {@code SUBSCRIBE} messages) and a REST server ({@code
 * /fapi/v1/aggTrades?symbol&fromId&limit}), both serving captured trades.
 *
 * <p>Trades "happen" on a market clock ({@link #run}): each tick the next trades of the merged
 * timeline become the exchange's tip and go to every connection subscribed to their stream at that
 * moment. A connection that is not there (dropped, not yet reconnected, a job restarting) misses
 * them, as on the real exchange; REST serves every trade up to the tip (from {@link
 * #historyStartsAt} on), so only the backfill can fill such holes.
 */
public final class FakeBinance implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<CapturedTrade>> bySymbol = new LinkedHashMap<>();
    private final Map<String, Integer> tip = new HashMap<>();
    private final List<CapturedTrade> timeline = new ArrayList<>();
    private final Map<String, List<String>> injections = new HashMap<>();
    private final Map<String, Long> historyStart = new ConcurrentHashMap<>();
    private final Map<String, Long> refuseBelow = new ConcurrentHashMap<>();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final Server ws = new Server();
    private final HttpServer rest;
    private int position;
    private int dropAfterMessages = Integer.MAX_VALUE;
    private int dropsLeft;

    public final AtomicInteger connections = new AtomicInteger();
    public final AtomicInteger drops = new AtomicInteger();
    public final AtomicInteger pongs = new AtomicInteger();
    public final AtomicInteger injectedSent = new AtomicInteger();
    public final AtomicLong restTradesServed = new AtomicLong();
    /** REST requests served, as {@code SYMBOL:fromId}. */
    public final List<String> restRequests = new CopyOnWriteArrayList<>();
    /** Arrival times (ms) of {@code SUBSCRIBE} messages per connection number. */
    public final Map<Integer, List<Long>> subscribeTimes = new ConcurrentHashMap<>();

    public FakeBinance(List<List<CapturedTrade>> symbols) throws Exception {
        for (List<CapturedTrade> trades : symbols) {
            bySymbol.put(trades.get(0).symbol(), trades);
            tip.put(trades.get(0).symbol(), 0);
        }
        mergeByTime(symbols);
        ws.start();
        ws.started.await(10, TimeUnit.SECONDS);
        rest = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        rest.createContext("/fapi/v1/aggTrades", this::aggTrades);
        rest.start();
    }

    /** The timeline: trades of all symbols by time, each symbol's in its id order. */
    private void mergeByTime(List<List<CapturedTrade>> symbols) {
        int[] next = new int[symbols.size()];
        while (true) {
            int pick = -1;
            for (int s = 0; s < symbols.size(); s++) {
                if (next[s] < symbols.get(s).size() && (pick < 0
                        || symbols.get(s).get(next[s]).time() < symbols.get(pick).get(next[pick]).time())) {
                    pick = s;
                }
            }
            if (pick < 0) {
                return;
            }
            timeline.add(symbols.get(pick).get(next[pick]++));
        }
    }

    /**
     * The USD-M endpoints of this server, with a 3 s idle timeout: its trades flow without pause,
     * so a connection silent that long is dead; with USD-M's 7-minute timeout, a run in a few
     * dozen waited 7 minutes for a dropped connection to be replaced.
     */
    public MarketEndpoints endpoints() {
        return MarketEndpoints.defaults(Market.USDM).withBases(
                URI.create("ws://127.0.0.1:" + ws.getPort()),
                URI.create("http://127.0.0.1:" + rest.getAddress().getPort()))
                .withIdleTimeout(Duration.ofSeconds(3));
    }

    /** Drops (abruptly, no close frame) the next {@code count} connections after their n-th trade. */
    public synchronized FakeBinance dropConnections(int count, int afterMessages) {
        dropsLeft = count;
        dropAfterMessages = afterMessages;
        return this;
    }

    /** Sends {@code text} to the symbol's subscribers right after its trade {@code afterId}. */
    public synchronized FakeBinance inject(String symbol, long afterId, String text) {
        injections.computeIfAbsent(symbol + "#" + afterId, k -> new ArrayList<>()).add(text);
        return this;
    }

    /** REST serves the symbol's trades from this id on only (older ones have expired). */
    public FakeBinance historyStartsAt(String symbol, long id) {
        historyStart.put(symbol, id);
        return this;
    }

    /** REST answers HTTP 400 for {@code fromId}s below this id. */
    public FakeBinance refuseFromIdsBelow(String symbol, long id) {
        refuseBelow.put(symbol, id);
        return this;
    }

    /** Lets the first {@code count} trades of the timeline happen at once, before anyone listens. */
    public synchronized void advance(int count) {
        for (int i = 0; i < count && position < timeline.size(); i++) {
            happen(timeline.get(position++));
        }
    }

    /** Starts the market clock: {@code perTick} trades every {@code tickMillis}. */
    public void run(int perTick, long tickMillis) {
        run(perTick, tickMillis, 0);
    }

    /**
     * Starts the market clock once {@code subscribers} connections have subscribed (so a job that
     * takes a while to start sees the stream live), then {@code perTick} trades every {@code
     * tickMillis} whoever listens.
     */
    public void run(int perTick, long tickMillis, int subscribers) {
        boolean[] started = {subscribers == 0};
        clock.scheduleAtFixedRate(() -> {
            synchronized (this) {
                if (!started[0] && subscribedConnections() < subscribers) {
                    return;
                }
                started[0] = true;
                for (int i = 0; i < perTick && position < timeline.size(); i++) {
                    happen(timeline.get(position++));
                }
            }
        }, 0, tickMillis, TimeUnit.MILLISECONDS);
    }

    /** Pings every open connection; pongs are counted in {@link #pongs}. */
    public void pingAll() {
        ws.getConnections().forEach(WebSocket::sendPing);
    }

    /** Open connections subscribed to at least one stream. */
    public synchronized int subscribedConnections() {
        int n = 0;
        for (WebSocket conn : ws.getConnections()) {
            Client client = conn.getAttachment();
            if (client != null && !client.streams.isEmpty() && conn.isOpen()) {
                n++;
            }
        }
        return n;
    }

    private void happen(CapturedTrade trade) {
        tip.merge(trade.symbol(), 1, Integer::sum);
        String stream = trade.symbol().toLowerCase() + "@aggTrade";
        List<String> injected = injections.getOrDefault(trade.symbol() + "#" + trade.id(), List.of());
        for (WebSocket conn : ws.getConnections()) {
            Client client = conn.getAttachment();
            if (client == null || !client.streams.contains(stream) || !conn.isOpen()) {
                continue;
            }
            conn.send(trade.streamJson());
            for (String text : injected) {
                conn.send(text);
                injectedSent.incrementAndGet();
            }
            if (++client.sent == dropAfterMessages && dropsLeft > 0) {
                dropsLeft--;
                drops.incrementAndGet();
                conn.closeConnection(CloseFrame.ABNORMAL_CLOSE, "test drop");
            }
        }
    }

    private synchronized void subscribe(WebSocket conn, String message) {
        Client client = conn.getAttachment();
        try {
            JsonNode request = JSON.readTree(message);
            if ("SUBSCRIBE".equals(request.path("method").asText())) {
                subscribeTimes.computeIfAbsent(client.number, n -> new CopyOnWriteArrayList<>())
                        .add(System.currentTimeMillis());
                request.path("params").forEach(p -> client.streams.add(p.asText()));
                conn.send("{\"result\":null,\"id\":" + request.path("id").asLong() + "}");
                return;
            }
        } catch (IOException e) {
            // answered below
        }
        conn.send("{\"error\":{\"code\":2,\"msg\":\"Invalid request\"},\"id\":null}");
    }

    private void aggTrades(HttpExchange exchange) throws IOException {
        Map<String, String> query = new HashMap<>();
        for (String pair : exchange.getRequestURI().getQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        String symbol = query.get("symbol");
        long fromId = Long.parseLong(query.get("fromId"));
        int limit = Integer.parseInt(query.get("limit"));
        restRequests.add(symbol + ":" + fromId);
        if (fromId < refuseBelow.getOrDefault(symbol, Long.MIN_VALUE)) {
            respond(exchange, 400, "{\"code\":-1100,\"msg\":\"fromId too old\"}");
            return;
        }
        List<CapturedTrade> served;
        synchronized (this) {
            List<CapturedTrade> trades = bySymbol.get(symbol);
            long from = Math.max(fromId, historyStart.getOrDefault(symbol, Long.MIN_VALUE));
            int start = (int) Math.max(0, Math.min(from - trades.get(0).id(), Integer.MAX_VALUE));
            int end = Math.min(tip.get(symbol), start + limit);
            served = start < end ? new ArrayList<>(trades.subList(start, end)) : List.of();
        }
        restTradesServed.addAndGet(served.size());
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < served.size(); i++) {
            body.append(i == 0 ? "" : ",").append(served.get(i).restJson());
        }
        respond(exchange, 200, body.append(']').toString());
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() throws Exception {
        clock.shutdownNow();
        rest.stop(0);
        ws.stop(1000);
    }

    /** Per-connection state on the server. */
    private static final class Client {
        final int number;
        final Set<String> streams = Collections.synchronizedSet(new HashSet<>());
        int sent;

        Client(int number) {
            this.number = number;
        }
    }

    private final class Server extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);

        Server() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setConnectionLostTimeout(0);
            setReuseAddr(true);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            conn.setAttachment(new Client(connections.incrementAndGet()));
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

        @Override
        public void onMessage(WebSocket conn, String message) {
            subscribe(conn, message);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {}

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onWebsocketPong(WebSocket conn, Framedata f) {
            pongs.incrementAndGet();
        }
    }
}
