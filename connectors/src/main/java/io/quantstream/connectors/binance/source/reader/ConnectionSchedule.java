package io.quantstream.connectors.binance.source.reader;

/**
 * When one websocket connection should be opened, replaced or given up, from the reader's clock:
 *
 * <ul>
 *   <li>closed or failed: reconnect after the next {@link Backoff} delay; the backoff is reset
 *       once a connection brings data, so only failing attempts grow it;
 *   <li>open for {@code maxAgeMillis}: replace it now (before Binance's 24-hour cut-off);
 *   <li>no frame (data or ping) for {@code idleTimeoutMillis}: the peer is gone without closing;
 *       drop it and reconnect with backoff.
 * </ul>
 */
final class ConnectionSchedule {

    /** What the connection needs now. */
    enum Action {
        NONE,
        CONNECT,
        RECYCLE,
        DEAD
    }

    private enum Phase {
        CLOSED,
        CONNECTING,
        OPEN
    }

    private final Backoff backoff;
    private final long maxAgeMillis;
    private final long idleTimeoutMillis;
    private Phase phase = Phase.CLOSED;
    private long nextAttemptAt;
    private long openedAt;
    private long lastFrameAt;

    ConnectionSchedule(Backoff backoff, long maxAgeMillis, long idleTimeoutMillis, long now) {
        this.backoff = backoff;
        this.maxAgeMillis = maxAgeMillis;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.nextAttemptAt = now;
    }

    Action due(long now) {
        switch (phase) {
            case CLOSED:
                return now >= nextAttemptAt ? Action.CONNECT : Action.NONE;
            case OPEN:
                if (now - openedAt >= maxAgeMillis) {
                    return Action.RECYCLE;
                }
                return now - lastFrameAt >= idleTimeoutMillis ? Action.DEAD : Action.NONE;
            default:
                return Action.NONE;
        }
    }

    void connecting() {
        phase = Phase.CONNECTING;
    }

    void opened(long now) {
        phase = Phase.OPEN;
        openedAt = now;
        lastFrameAt = now;
    }

    /** A frame arrived; {@code data} = a message, not only a ping. */
    void frame(long now, boolean data) {
        lastFrameAt = now;
        if (data) {
            backoff.reset();
        }
    }

    /** The connection ended (closed, failed, dead): the next attempt waits for the backoff. */
    void closed(long now) {
        phase = Phase.CLOSED;
        nextAttemptAt = now + backoff.nextDelay();
    }

    /** The connection was replaced on purpose: reconnect at once. */
    void recycled(long now) {
        phase = Phase.CLOSED;
        nextAttemptAt = now;
    }

    boolean open() {
        return phase == Phase.OPEN;
    }

    /** When the next attempt is due (meaningful while closed). */
    long nextAttemptAt() {
        return nextAttemptAt;
    }
}
