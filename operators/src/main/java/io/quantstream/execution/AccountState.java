package io.quantstream.execution;

import io.quantstream.ledger.LedgerState;

/**
 * Keyed state of one strategy's simulated account: its ledger and the orders waiting for their
 * next bar (at most one per instrument, sorted by instrument key). Read and written once per
 * event time. A Flink POJO.
 */
public class AccountState {
    public LedgerState ledger;
    public PendingOrder[] pending;

    public AccountState() {}
}
