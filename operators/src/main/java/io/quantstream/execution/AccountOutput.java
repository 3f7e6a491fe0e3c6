package io.quantstream.execution;

import io.quantstream.model.Fill;
import io.quantstream.model.FundingPayment;
import io.quantstream.model.LedgerEntry;

/** Where an {@link Account} sends what it produces. */
interface AccountOutput {

    void fill(Fill fill);

    void funding(FundingPayment payment);

    void ledger(LedgerEntry entry);

    /** A rejected event, with a reason from {@link SimulatedExecution}'s list. */
    void reject(AccountEvent event, String reason, String detail);

    /** A target replaced by a newer one of the same instrument before its fill. */
    void superseded(PendingOrder order);
}
