package io.quantstream.connectors.iceberg.load;

import io.quantstream.connectors.binance.DecodeResult;
import io.quantstream.connectors.iceberg.ModelRows;
import io.quantstream.connectors.iceberg.TableColumns;
import io.quantstream.connectors.iceberg.TableRows;
import io.quantstream.model.FundingRate;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import org.apache.iceberg.data.Record;

/**
 * Decoded archive rows as records of their table ({@code market.trades}, {@code market.klines},
 * {@code market.mark_price_klines}, {@code market.funding_rates}) through the tables' one
 * mapping, {@link ModelRows}; decimals at the column's scale, never rounded.
 */
final class ArchiveRows {

    private final ArchiveKind kind;
    private final TableColumns columns;
    private final TableRows<Trade> trades = ModelRows.trades();
    private final TableRows<Kline> klines = ModelRows.klines();
    private final TableRows<Kline> markPrices = ModelRows.markPriceKlines();
    private final TableRows<FundingRate> funding = ModelRows.fundingRates();
    private Object[] row;

    ArchiveRows(ArchiveKind kind) {
        this.kind = kind;
        this.columns = TableColumns.of(kind.table());
    }

    /**
     * The record of one decoded row of a file of {@code market}.
     *
     * @throws IllegalArgumentException when the row is not of this file's kind or a value does
     *     not fit its column ({@link io.quantstream.connectors.iceberg.ColumnValueException})
     */
    Record record(DecodeResult decoded, Market market) {
        row = null;
        switch (kind) {
            case AGG_TRADES:
            case TRADES:
                Trade t = require(decoded.trade(), decoded);
                t.market = market;
                trades.rows(t, this::take);
                break;
            case KLINES:
                Kline k = require(decoded.kline(), decoded);
                k.market = market;
                klines.rows(k, this::take);
                break;
            case MARK_PRICE_KLINES:
                Kline m = require(decoded.kline(), decoded);
                m.market = market;
                markPrices.rows(m, this::take);
                break;
            case FUNDING_RATE:
                FundingRate f = require(decoded.fundingRate(), decoded);
                f.market = market;
                funding.rows(f, this::take);
                break;
            default:
                throw new IllegalStateException("unexpected kind " + kind);
        }
        if (row == null) {
            throw new IllegalArgumentException("not a row of " + kind.table().name() + ": " + decoded);
        }
        return columns.record(columns.check(row));
    }

    private void take(Object[] values) {
        row = values;
    }

    private <T> T require(T value, DecodeResult decoded) {
        if (value == null) {
            throw new IllegalArgumentException("expected a " + kind.archiveName() + " row, got " + decoded);
        }
        return value;
    }
}
