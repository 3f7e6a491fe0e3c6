package io.quantstream.model;

/**
 * A record a stage could not use, kept with the reason so nothing is lost silently
 * (DESIGN.md rule 4). Written to the dead-letter sink ({@code dead-letters.jsonl}).
 */
public class DeadLetter {
    /** Stage that rejected the record, e.g. {@code decode}, {@code validate}, {@code klines}. */
    public String stage;
    /** Short machine-readable reason, e.g. {@code malformed}, {@code negative-price}, {@code late}. */
    public String reason;
    /** Human-readable detail: the parser's message, the offending value. */
    public String detail;
    /** Where the record came from: {@code file:line}, a topic/partition/offset. */
    public String origin;
    /** The raw text as received, or a rendering of the rejected record. */
    public String raw;
    /** Event time of the record (epoch ms UTC) when known, else {@code Long.MIN_VALUE}. */
    public long eventTime = Long.MIN_VALUE;

    public DeadLetter() {}

    public static DeadLetter of(
            String stage, String reason, String detail, String origin, String raw, long eventTime) {
        DeadLetter d = new DeadLetter();
        d.stage = stage;
        d.reason = reason;
        d.detail = detail;
        d.origin = origin;
        d.raw = raw;
        d.eventTime = eventTime;
        return d;
    }

    @Override
    public String toString() {
        return stage + "/" + reason + " (" + detail + ") at " + origin + ": " + raw;
    }
}
