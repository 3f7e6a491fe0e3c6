package io.quantstream.connectors.iceberg;

import io.quantstream.model.FactorVector;
import io.quantstream.model.Fill;
import io.quantstream.model.FundingRate;
import io.quantstream.model.Kline;
import io.quantstream.model.LedgerEntry;
import io.quantstream.model.Market;
import io.quantstream.model.TargetPosition;
import io.quantstream.model.Trade;
import io.quantstream.model.TradeStats;
import java.io.Serializable;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@link TableRows} of every quantstream table, from the model records: columns in the order
 * of {@link QuantstreamTables}, Binance field names in snake_case.
 *
 * <pre>{@code
 * TableRows<Kline> klines = ModelRows.klines();
 * TableRows<TargetPosition> targets = ModelRows.targetPositions("backtest-2026-02");
 * }</pre>
 *
 * <p>Decimals go in as the model holds them; {@link TableColumns#check} holds them to their
 * column's scale and fails a value that does not fit ({@link ColumnValueException}).
 */
public final class ModelRows {

    private ModelRows() {}

    /** {@code market.trades} from trades (aggTrades; a raw trade has one id three times). */
    public static TableRows<Trade> trades() {
        return new OneRow<>(QuantstreamTables.TRADES, t -> t.tradeTime, t -> new Object[] {
            name(t.market), t.symbol, t.aggTradeId, t.firstTradeId, t.lastTradeId, t.price,
            t.quantity, t.tradeTime, t.buyerIsMaker});
    }

    /**
     * {@code market.klines} from klines of any interval. A {@link Kline#partial partial} roll-up
     * (its 1m bars do not cover the interval) is not a bar of the exchange and gets no row: the
     * table holds only whole bars, which backtests and analyses take as Binance's.
     */
    public static TableRows<Kline> klines() {
        return new OneRow<>(QuantstreamTables.KLINES, k -> k.closeTime, k -> k.partial ? null : klineRow(k));
    }

    private static Object[] klineRow(Kline k) {
        Object[] row = new Object[14 + 8 + 2 * TradeStats.SIZE_BUCKETS];
        Object[] binance = {name(k.market), k.symbol, k.interval, k.openTime, k.open, k.high, k.low,
            k.close, k.volume, k.closeTime, k.quoteVolume, k.count, k.takerBuyVolume,
            k.takerBuyQuoteVolume};
        System.arraycopy(binance, 0, row, 0, binance.length);
        TradeStats s = k.tradeStats;
        if (s != null) {
            Object[] stats = {s.vwap(), s.dollarVolume(), s.buyVolume, s.sellVolume,
                s.buyDollarVolume, s.sellDollarVolume, s.buyCount, s.sellCount};
            System.arraycopy(stats, 0, row, binance.length, stats.length);
            for (int i = 0; i < TradeStats.SIZE_BUCKETS; i++) {
                row[binance.length + stats.length + 2 * i] = s.sizeCounts[i];
                row[binance.length + stats.length + 2 * i + 1] = s.sizeVolumes[i];
            }
        }
        return row;
    }

    /** {@code market.mark_price_klines} from markPriceKlines bars (no volumes). */
    public static TableRows<Kline> markPriceKlines() {
        return new OneRow<>(QuantstreamTables.MARK_PRICE_KLINES, k -> k.closeTime, k -> new Object[] {
            name(k.market), k.symbol, k.interval, k.openTime, k.open, k.high, k.low, k.close,
            k.closeTime});
    }

    /** {@code market.funding_rates} from funding rates. */
    public static TableRows<FundingRate> fundingRates() {
        return new OneRow<>(QuantstreamTables.FUNDING_RATES, f -> f.calcTime, f -> new Object[] {
            name(f.market), f.symbol, f.calcTime, f.fundingIntervalHours, f.lastFundingRate});
    }

    /**
     * {@code research.factors}: one row per factor of each vector ({@code factor} = its name,
     * e.g. {@code ema_20}), {@code NaN} kept while a factor warms up (analyses filter it).
     *
     * @param runId the backtest run, or null for factors of the live jobs
     */
    public static TableRows<FactorVector> factors(String runId) {
        return new FactorRows(runId);
    }

    /** {@code trading.target_positions} of one run (a backtest's id, or a live job's name). */
    public static TableRows<TargetPosition> targetPositions(String runId) {
        Objects.requireNonNull(runId, "runId");
        return new OneRow<>(QuantstreamTables.TARGET_POSITIONS, p -> p.time, p -> new Object[] {
            runId, p.reference, name(p.market), p.symbol, p.time, p.weight, p.quantity, p.price,
            p.reason});
    }

    /** {@code trading.fills} of one run; {@code fill_time} is the fill's {@link Fill#time}. */
    public static TableRows<Fill> fills(String runId) {
        Objects.requireNonNull(runId, "runId");
        return new OneRow<>(QuantstreamTables.FILLS, f -> f.time, f -> new Object[] {
            runId, f.reference, name(f.market), f.symbol, f.signalTime, f.time, f.orderQuantity,
            f.quantity, f.price, f.notional, f.fee, f.realizedPnl, f.reason, f.detail});
    }

    /**
     * {@code trading.equity} of one run from ledger entries: instrument rows and the total row
     * (market and symbol null). {@code drawdown} is a {@code DOUBLE} column (a fraction, not
     * money): the entry's exact drawdown as the nearest double.
     */
    public static TableRows<LedgerEntry> equity(String runId) {
        Objects.requireNonNull(runId, "runId");
        return new OneRow<>(QuantstreamTables.EQUITY, e -> e.time, e -> new Object[] {
            runId, e.reference, name(e.market), e.symbol, e.time, e.position, e.averageEntryPrice,
            e.close, e.realizedPnl, e.unrealizedPnl, e.fees, e.funding, e.cash, e.equity,
            e.grossExposure, e.netExposure, e.drawdown == null ? null : e.drawdown.doubleValue()});
    }

    private static String name(Market market) {
        return market == null ? null : market.name();
    }

    /** The values of one row; null for a record the table does not hold. */
    private interface RowFunction<T> extends Serializable {
        Object[] row(T record);
    }

    private interface EventTime<T> extends Serializable {
        long of(T record);
    }

    private static final class OneRow<T> implements TableRows<T> {
        private static final long serialVersionUID = 1L;
        /** By name: Iceberg's table identifiers are not serializable. */
        private final String table;
        private final EventTime<T> time;
        private final RowFunction<T> row;

        OneRow(TableDefinition table, EventTime<T> time, RowFunction<T> row) {
            this.table = table.name();
            this.time = time;
            this.row = row;
        }

        @Override
        public TableDefinition table() {
            return QuantstreamTables.named(table);
        }

        @Override
        public void rows(T record, Consumer<Object[]> out) {
            Object[] values = row.row(record);
            if (values != null) {
                out.accept(values);
            }
        }

        @Override
        public long eventTime(T record) {
            return time.of(record);
        }
    }

    private static final class FactorRows implements TableRows<FactorVector> {
        private static final long serialVersionUID = 1L;
        private final String runId;

        FactorRows(String runId) {
            this.runId = runId;
        }

        @Override
        public TableDefinition table() {
            return QuantstreamTables.FACTORS;
        }

        @Override
        public void rows(FactorVector v, Consumer<Object[]> out) {
            for (int i = 0; i < v.names.length; i++) {
                out.accept(new Object[] {runId, name(v.market), v.symbol, v.interval, v.openTime,
                    v.closeTime, v.names[i], v.values[i]});
            }
        }

        @Override
        public long eventTime(FactorVector v) {
            return v.closeTime;
        }
    }
}
