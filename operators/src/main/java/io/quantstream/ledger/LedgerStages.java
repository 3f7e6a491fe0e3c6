package io.quantstream.ledger;

import io.quantstream.model.Fill;
import io.quantstream.model.FundingPayment;
import io.quantstream.model.LedgerEntry;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * Stage: a strategy's ledger, from the simulated execution that keeps it
 * ({@link io.quantstream.execution.ExecutionStages#simulate}; one operator, because sizing needs
 * the equity and the equity needs the fills).
 *
 * <pre>{@code
 * SingleOutputStreamOperator<Fill> fills =
 *         ExecutionStages.simulate(targets, klines, funding, spec);
 * DataStream<LedgerEntry> ledger = LedgerStages.entries(fills);
 * DataStream<LedgerEntry> equityCurve = ledger.filter(LedgerEntry::isTotal);
 * }</pre>
 */
public final class LedgerStages {

    /** Side output of the ledger entries. */
    public static final OutputTag<LedgerEntry> ENTRIES =
            new OutputTag<>("ledger", TypeInformation.of(LedgerEntry.class));
    /** Side output of the funding payments. */
    public static final OutputTag<FundingPayment> FUNDING =
            new OutputTag<>("funding-payments", TypeInformation.of(FundingPayment.class));

    private LedgerStages() {}

    /**
     * At every close of the strategy's interval (a 1m bar closing then arrived): a
     * {@link LedgerEntry} per instrument the strategy has traded, by instrument key, then its total
     * row (cash, equity, exposures, drawdown). Record timestamp: the bar's close.
     */
    public static DataStream<LedgerEntry> entries(SingleOutputStreamOperator<Fill> execution) {
        return execution.getSideOutput(ENTRIES);
    }

    /**
     * A {@link FundingPayment} per funding rate of an instrument the strategy holds at the
     * funding time. Record timestamp: the funding time.
     */
    public static DataStream<FundingPayment> funding(SingleOutputStreamOperator<Fill> execution) {
        return execution.getSideOutput(FUNDING);
    }
}
