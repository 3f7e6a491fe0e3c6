package io.quantstream.connectors.binance;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.FundingRate;
import io.quantstream.model.Kline;
import io.quantstream.model.Trade;

/**
 * What one {@link RawLine} decodes to: a trade, a kline, a funding rate, a skipped message (a
 * websocket stream other than trades), a skipped CSV header, or a dead letter. Exactly one of
 * {@link #trade()}, {@link #kline()}, {@link #fundingRate()}, {@link #deadLetter()} is non-null
 * for the matching kind.
 */
public final class DecodeResult {

    /** The outcome of decoding a line. */
    public enum Kind {
        TRADE,
        KLINE,
        FUNDING_RATE,
        SKIPPED,
        HEADER,
        DEAD_LETTER
    }

    private static final DecodeResult SKIPPED = new DecodeResult(Kind.SKIPPED, null, null, null, null);
    private static final DecodeResult HEADER = new DecodeResult(Kind.HEADER, null, null, null, null);

    private final Kind kind;
    private final Trade trade;
    private final Kline kline;
    private final FundingRate fundingRate;
    private final DeadLetter deadLetter;

    private DecodeResult(Kind kind, Trade trade, Kline kline, FundingRate fundingRate,
            DeadLetter deadLetter) {
        this.kind = kind;
        this.trade = trade;
        this.kline = kline;
        this.fundingRate = fundingRate;
        this.deadLetter = deadLetter;
    }

    static DecodeResult trade(Trade trade) {
        return new DecodeResult(Kind.TRADE, trade, null, null, null);
    }

    static DecodeResult kline(Kline kline) {
        return new DecodeResult(Kind.KLINE, null, kline, null, null);
    }

    static DecodeResult fundingRate(FundingRate fundingRate) {
        return new DecodeResult(Kind.FUNDING_RATE, null, null, fundingRate, null);
    }

    static DecodeResult skipped() {
        return SKIPPED;
    }

    static DecodeResult header() {
        return HEADER;
    }

    static DecodeResult deadLetter(DeadLetter deadLetter) {
        return new DecodeResult(Kind.DEAD_LETTER, null, null, null, deadLetter);
    }

    public Kind kind() {
        return kind;
    }

    /** The trade when {@link #kind()} is {@code TRADE}, else null. */
    public Trade trade() {
        return trade;
    }

    /** The kline when {@link #kind()} is {@code KLINE}, else null. */
    public Kline kline() {
        return kline;
    }

    /** The funding rate when {@link #kind()} is {@code FUNDING_RATE}, else null. */
    public FundingRate fundingRate() {
        return fundingRate;
    }

    /** The dead letter (stage {@code decode}) when {@link #kind()} is {@code DEAD_LETTER}, else null. */
    public DeadLetter deadLetter() {
        return deadLetter;
    }

    @Override
    public String toString() {
        switch (kind) {
            case TRADE:
                return "trade " + trade;
            case KLINE:
                return "kline " + kline;
            case FUNDING_RATE:
                return "funding rate " + fundingRate;
            case DEAD_LETTER:
                return "dead letter " + deadLetter;
            default:
                return kind.toString();
        }
    }
}
