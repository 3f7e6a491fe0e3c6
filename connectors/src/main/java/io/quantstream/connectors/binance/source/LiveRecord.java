package io.quantstream.connectors.binance.source;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.Trade;

/**
 * What {@link BinanceLiveSource} emits: a trade, a gap it could not fill, or a dead letter (a
 * message that did not decode). Exactly one of {@link #trade}, {@link #gap}, {@link #deadLetter}
 * is set, matching {@link #kind}. {@link LiveRecordRouter} splits them into a trade stream and
 * side outputs. Timestamps: a trade's is its trade time, a gap's the time of the trade after it;
 * dead letters carry none.
 *
 * <p>A Flink POJO: public fields, no-arg constructor; serialized without Kryo.
 */
public class LiveRecord {

    /** Which field is set. */
    public enum Kind {
        TRADE,
        GAP,
        DEAD_LETTER
    }

    public Kind kind;
    public Trade trade;
    public BackfillGap gap;
    public DeadLetter deadLetter;

    public LiveRecord() {}

    public static LiveRecord of(Trade trade) {
        LiveRecord r = new LiveRecord();
        r.kind = Kind.TRADE;
        r.trade = trade;
        return r;
    }

    public static LiveRecord of(BackfillGap gap) {
        LiveRecord r = new LiveRecord();
        r.kind = Kind.GAP;
        r.gap = gap;
        return r;
    }

    public static LiveRecord of(DeadLetter deadLetter) {
        LiveRecord r = new LiveRecord();
        r.kind = Kind.DEAD_LETTER;
        r.deadLetter = deadLetter;
        return r;
    }

    @Override
    public String toString() {
        switch (kind) {
            case TRADE:
                return "trade " + trade;
            case GAP:
                return "gap " + gap;
            default:
                return "dead letter " + deadLetter;
        }
    }
}
