package io.quantstream.jobs.topology;

import io.quantstream.connectors.file.KlineCsvSink;
import io.quantstream.model.ControlAction;
import io.quantstream.model.CrossSection;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Fill;
import io.quantstream.model.FundingPayment;
import io.quantstream.model.Kline;
import io.quantstream.model.LedgerEntry;
import io.quantstream.model.TargetDelta;
import io.quantstream.model.TargetPosition;
import io.quantstream.model.Trade;
import io.quantstream.model.TradeGap;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The streams the topology produces; a stream is null when the configuration does not ask for it. */
public final class TopologyOutputs {
    /** Validated market trades of every source (before the klines stage drops duplicates). */
    public DataStream<Trade> trades;
    /** Final klines of every configured interval, timestamp = close time. */
    public DataStream<Kline> klines;
    /**
     * Where kline files go: {@code <SYMBOL>-<interval>.csv} for a run over one market,
     * {@code <market>/<SYMBOL>-<interval>.csv} for several.
     */
    public KlineCsvSink.Layout klineLayout = KlineCsvSink.Layout.FLAT;
    public DataStream<FactorVector> factors;
    public DataStream<CrossSection> crossSections;
    public DataStream<TargetPosition> targetPositions;
    /** The change of each target to the instrument's previous one (under control only). */
    public DataStream<TargetDelta> targetDeltas;
    /** What each control command did to the strategy (under control only). */
    public DataStream<ControlAction> controlActions;
    /** The strategy's simulated fills ({@link Topology#execution}), timestamp = fill time. */
    public DataStream<Fill> fills;
    /** The strategy's ledger at every bar of its interval, per instrument and in total. */
    public DataStream<LedgerEntry> ledger;
    /** Funding the strategy paid or received, timestamp = funding time. */
    public DataStream<FundingPayment> fundingPayments;
    /** Every rejected record of every stage, with its reason. */
    public DataStream<DeadLetter> deadLetters;
    /** Missing trade ids per instrument. */
    public DataStream<TradeGap> tradeGaps;
    /** USD-M trades that are not {@code MARKET} executions (insurance fund, ADL): not in klines. */
    public DataStream<Trade> nonMarketTrades;
}
