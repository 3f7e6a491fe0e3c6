package io.quantstream.execution;

import io.quantstream.model.FundingRate;
import io.quantstream.model.Instrument;
import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import io.quantstream.model.TargetPosition;

/**
 * One input of a strategy's account, exactly one field set: a 1m kline, a funding rate or a
 * target position. The three streams are unioned into this type before the {@code keyBy}, so one
 * operator sees them in one event-time order (DESIGN.md rule 2). A Flink POJO.
 */
public class AccountEvent {
    public Kline kline;
    public FundingRate funding;
    public TargetPosition target;

    public AccountEvent() {}

    static AccountEvent of(Kline kline) {
        AccountEvent e = new AccountEvent();
        e.kline = kline;
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
     * The event time the account handles the event at, epoch ms UTC: a kline's close time, a
     * target's time, and for a funding rate the close of the 1m bar containing the funding time
     * (so a fill at that bar's open, which is before the funding time, is booked first).
     */
    long accountTime() {
        if (kline != null) {
            return kline.closeTime;
        }
        if (target != null) {
            return target.time;
        }
        return Interval.ONE_MINUTE.closeTime(Interval.ONE_MINUTE.openTime(funding.calcTime));
    }

    /** Order among the events of one account time: klines, then funding, then targets. */
    int rank() {
        return kline != null ? 0 : funding != null ? 1 : 2;
    }

    /** The instrument's key, {@code MARKET:SYMBOL}. */
    String instrument() {
        if (kline != null) {
            return Instrument.key(kline.market, kline.symbol);
        }
        if (target != null) {
            return Instrument.key(target.market, target.symbol);
        }
        return Instrument.key(funding.market, funding.symbol);
    }

    /** The event's own time, epoch ms UTC, for dead letters. */
    long eventTime() {
        return kline != null ? kline.closeTime : target != null ? target.time : funding.calcTime;
    }

    @Override
    public String toString() {
        return String.valueOf(kline != null ? kline : target != null ? target : funding);
    }
}
