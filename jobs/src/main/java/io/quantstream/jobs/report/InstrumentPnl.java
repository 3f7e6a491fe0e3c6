package io.quantstream.jobs.report;

import io.quantstream.model.LedgerEntry;
import java.math.BigDecimal;

/**
 * A strategy's result in one instrument at the last equity point, from its ledger row there;
 * cumulative from the start, quote currency.
 *
 * @param realizedPnl trading PnL realized by fills against the average entry price
 * @param unrealizedPnl holding PnL of the open position at the last close
 * @param fees taker fees paid (positive)
 * @param funding funding received (positive) or paid (negative)
 * @param pnl {@code realizedPnl + unrealizedPnl − fees + funding}
 */
public record InstrumentPnl(BigDecimal realizedPnl, BigDecimal unrealizedPnl, BigDecimal fees,
        BigDecimal funding, BigDecimal pnl) {

    static InstrumentPnl of(LedgerEntry row) {
        return new InstrumentPnl(row.realizedPnl, row.unrealizedPnl, row.fees, row.funding,
                row.realizedPnl.add(row.unrealizedPnl).subtract(row.fees).add(row.funding));
    }
}
