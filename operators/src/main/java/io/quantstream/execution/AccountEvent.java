package io.quantstream.execution;

import io.quantstream.model.FundingRate;
import io.quantstream.model.Instrument;
import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import io.quantstream.model.TargetPosition;

/**
 * One input of a strategy's account, exactly one field set: a 1m kline, a 1m mark-price kline, a
 * funding rate or a target position. The streams are unioned into this type before the
 * {@code keyBy}, so one operator sees them in one event-time order (DESIGN.md rule 2). A Flink
 * POJO.
 */
public class AccountEvent {
    public Kline kline;
    /** A 1m bar of the instrument's mark price (Binance markPriceKlines: no volumes). */
    public Kline markPrice;
    public FundingRate funding;
    public TargetPosition target;

    public AccountEvent() {}

    static AccountEvent of(Kline kline) {
        AccountEvent e = new AccountEvent();
        e.kline = kline;
        return e;
    }

    static AccountEvent ofMarkPrice(Kline markPrice) {
        AccountEvent e = new AccountEvent();
        e.markPrice = markPrice;
        return e;
    }

    static AccountEvent of(FundingRate funding) {
        AccountEvent e = new AccountEvent();
        e.funding = funding;
        return e;
    }

    static AccountEvent of(TargetPosition target) {
        AccountEvent e = new AccountEvent();
        e.target = target;
        return e;
    }

    /**
     * The event time the account handles the event at, epoch ms UTC: a kline's (or mark-price
     * kline's) close time, a target's time, and for a funding rate the close of the 1m bar containing the funding time
     * (so a fill at that bar's open, which is before the funding time, is booked first).
     */
    long accountTime() {
        if (kline != null) {
            return kline.closeTime;
        }
        if (markPrice != null) {
            return markPrice.closeTime;
        }
        if (target != null) {
            return target.time;
        }
        return Interval.ONE_MINUTE.closeTime(Interval.ONE_MINUTE.openTime(funding.calcTime));
    }

    /**
     * Order among the events of one account time: klines, mark prices, funding, then targets.
     */
    int rank() {
        return kline != null ? 0 : markPrice != null ? 1 : funding != null ? 2 : 3;
    }

    /** Whether no field is set. */
    boolean isEmpty() {
        return kline == null && markPrice == null && funding == null && target == null;
    }

    /** The instrument's key, {@code MARKET:SYMBOL}. */
    String instrument() {
        if (kline != null) {
            return Instrument.key(kline.market, kline.symbol);
        }
        if (markPrice != null) {
            return Instrument.key(markPrice.market, markPrice.symbol);
        }
        if (target != null) {
            return Instrument.key(target.market, target.symbol);
        }
        return Instrument.key(funding.market, funding.symbol);
    }

    /** The event's own time, epoch ms UTC, for dead letters. */
    long eventTime() {
        return kline != null ? kline.closeTime : markPrice != null ? markPrice.closeTime
                : target != null ? target.time : funding.calcTime;
    }

    @Override
    public String toString() {
        if (markPrice != null) {
            return "mark price " + markPrice;
        }
        return String.valueOf(kline != null ? kline : target != null ? target : funding);
    }
}
