package io.quantstream.connectors.binance.source.reader;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One websocket connection with the JDK client ({@code java.net.http.WebSocket}: part of Java 17,
 * no dependency, RFC 6455 with TLS). Every callback becomes a {@link ConnectionEvent} on the
 * reader's queue; text frames are joined into whole messages. Server pings are answered by the JDK
 * client itself with a pong of the same payload (its {@code Listener.onPing} contract), which
 * keeps Binance's connection alive (spot pings every 20 s and closes after 1 min without a pong);
 * the reader only notes them as a sign of life.
 */
final class StreamConnection implements WebSocket.Listener {

    private final int link;
    private final int generation;
    private final Queue<ConnectionEvent> events;
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile boolean aborted;

    private StreamConnection(int link, int generation, Queue<ConnectionEvent> events) {
        this.link = link;
        this.generation = generation;
        this.events = events;
    }

    /** Starts connecting; the outcome arrives as an {@code OPENED} or {@code FAILED} event. */
    static StreamConnection open(HttpClient client, URI uri, Duration timeout, int link, int generation,
            Queue<ConnectionEvent> events) {
        StreamConnection connection = new StreamConnection(link, generation, events);
        client.newWebSocketBuilder()
                .connectTimeout(timeout)
                .buildAsync(uri, connection)
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        connection.report(ConnectionEvent.Kind.FAILED, error.toString());
                    }
                });
        return connection;
    }

    /**
     * Sends one text message and waits for it to be written.
     *
     * @throws IllegalStateException when the connection is not open or the send fails
     */
    void send(String text, Duration timeout) {
        WebSocket ws = socket;
        if (ws == null) {
            throw new IllegalStateException("connection not open");
        }
        try {
            ws.sendText(text, true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        } catch (Exception e) {
            throw new IllegalStateException("send failed: " + e, e);
        }
    }

    /** Drops the connection at once (no close handshake: the peer may be gone). */
    void abort() {
        aborted = true;
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        if (aborted) {
            // dropped while connecting: the reader has moved on to another connection
            webSocket.abort();
            return;
        }
        report(ConnectionEvent.Kind.OPENED, null);
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            report(ConnectionEvent.Kind.MESSAGE, partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        report(ConnectionEvent.Kind.PING, null);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        report(ConnectionEvent.Kind.CLOSED, statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        report(ConnectionEvent.Kind.FAILED, error.toString());
    }

    private void report(ConnectionEvent.Kind kind, String text) {
        events.add(new ConnectionEvent(kind, link, generation, text));
    }
}
