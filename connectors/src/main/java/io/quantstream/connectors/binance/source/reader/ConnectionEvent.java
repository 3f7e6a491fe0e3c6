package io.quantstream.connectors.binance.source.reader;

/**
 * What a websocket connection reports to the reader's fetcher thread (the JDK client calls back on
 * its own threads; the fetcher drains these from one queue).
 *
 * @param kind what happened
 * @param link the connection slot ({@link StreamLink#id()}); -1 for {@link Kind#WAKEUP}
 * @param generation the slot's connection number, so late events of a replaced connection are
 *     recognised
 * @param text the message ({@link Kind#MESSAGE}) or the reason ({@link Kind#CLOSED}, {@link
 *     Kind#FAILED})
 */
record ConnectionEvent(Kind kind, int link, int generation, String text) {

    enum Kind {
        OPENED,
        MESSAGE,
        PING,
        CLOSED,
        FAILED,
        WAKEUP
    }

    static final ConnectionEvent WAKEUP = new ConnectionEvent(Kind.WAKEUP, -1, -1, null);
}
