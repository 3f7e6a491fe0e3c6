package io.quantstream.ledger;

import io.quantstream.model.Instrument;
import io.quantstream.model.Market;
import java.math.BigDecimal;

/**
 * A strategy's account in one instrument: position, average entry price, cumulative realized
 * PnL, fees and funding, and the instrument's latest 1m close (known before the strategy trades
 * it, for sizing). A Flink POJO, part of {@link LedgerState}.
 */
public class Holding {
    public Market market;
    public String symbol;
    /** Signed position, base currency. */
    public BigDecimal position;
    /** Average price of the open position, quote currency; null when flat. */
    public BigDecimal averageEntryPrice;
    public BigDecimal realizedPnl;
    public BigDecimal fees;
    public BigDecimal funding;
    /** Latest 1m close, quote currency; null before the first bar. */
    public BigDecimal close;
    /** Close time of that bar, epoch ms UTC; {@code Long.MIN_VALUE} before the first bar. */
    public long closeTime = Long.MIN_VALUE;
    /** Whether the strategy ever held a position in it (then the ledger reports it). */
    public boolean traded;

    public Holding() {}

    /** A flat holding of an instrument not seen before. */
    static Holding of(Market market, String symbol) {
        Holding h = new Holding();
        h.market = market;
        h.symbol = symbol;
        h.position = BigDecimal.ZERO;
        h.realizedPnl = BigDecimal.ZERO;
        h.fees = BigDecimal.ZERO;
        h.funding = BigDecimal.ZERO;
        return h;
    }

    /** The instrument's key, {@code MARKET:SYMBOL}. */
    public String instrument() {
        return Instrument.key(market, symbol);
    }

    /** {@code position × (close − averageEntryPrice)}; 0 when flat. */
    public BigDecimal unrealizedPnl() {
        return position.signum() == 0 ? BigDecimal.ZERO
                : Money.round(position.multiply(close.subtract(averageEntryPrice)));
    }
}
