package io.quantstream.connectors.iceberg.load;

import static io.quantstream.connectors.iceberg.ColumnTypes.PRICE;
import static io.quantstream.connectors.iceberg.ColumnTypes.QUANTITY;
import static io.quantstream.connectors.iceberg.ColumnTypes.RATE;
import static io.quantstream.connectors.iceberg.ColumnTypes.VOLUME;
import static io.quantstream.connectors.iceberg.ColumnTypes.exact;
import static io.quantstream.connectors.iceberg.ColumnTypes.time;

import io.quantstream.connectors.binance.DecodeResult;
import io.quantstream.model.FundingRate;
import io.quantstream.model.Kline;
import io.quantstream.model.Trade;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;

/**
 * Decoded archive rows as records of their table ({@code market.trades}, {@code market.klines},
 * {@code market.mark_price_klines}, {@code market.funding_rates}); decimals at the column's
 * scale, never rounded ({@link io.quantstream.connectors.iceberg.ColumnTypes#exact}).
 */
final class ArchiveRows {

    private final ArchiveKind kind;
    private final GenericRecord template;

    ArchiveRows(ArchiveKind kind, Schema tableSchema) {
        this.kind = kind;
        this.template = GenericRecord.create(tableSchema);
    }

    /**
     * The record of one decoded row.
     *
     * @throws IllegalArgumentException when the row is not of this file's kind or a value does
     *     not fit its column
     */
    Record record(DecodeResult row, String market) {
        switch (kind) {
            case AGG_TRADES:
            case TRADES:
                return trade(require(row.trade(), row), market);
            case KLINES:
                return kline(require(row.kline(), row), market);
            case MARK_PRICE_KLINES:
                return markPrice(require(row.kline(), row), market);
            case FUNDING_RATE:
                return funding(require(row.fundingRate(), row), market);
            default:
                throw new IllegalStateException("unexpected kind " + kind);
        }
    }

    private Record trade(Trade t, String market) {
        GenericRecord r = template.copy();
        r.set(0, market);
        r.set(1, t.symbol);
        r.set(2, t.aggTradeId);
        r.set(3, t.firstTradeId);
        r.set(4, t.lastTradeId);
        r.set(5, exact(t.price, PRICE, "price"));
        r.set(6, exact(t.quantity, QUANTITY, "quantity"));
        r.set(7, time(t.tradeTime));
        r.set(8, t.buyerIsMaker);
        return r;
    }

    private Record kline(Kline k, String market) {
        GenericRecord r = template.copy();
        r.set(0, market);
        r.set(1, k.symbol);
        r.set(2, k.interval);
        r.set(3, time(k.openTime));
        r.set(4, exact(k.open, PRICE, "open"));
        r.set(5, exact(k.high, PRICE, "high"));
        r.set(6, exact(k.low, PRICE, "low"));
        r.set(7, exact(k.close, PRICE, "close"));
        r.set(8, exact(k.volume, VOLUME, "volume"));
        r.set(9, time(k.closeTime));
        r.set(10, exact(k.quoteVolume, VOLUME, "quote_volume"));
        r.set(11, k.count);
        r.set(12, exact(k.takerBuyVolume, VOLUME, "taker_buy_volume"));
        r.set(13, exact(k.takerBuyQuoteVolume, VOLUME, "taker_buy_quote_volume"));
        return r;
    }

    private Record markPrice(Kline k, String market) {
        GenericRecord r = template.copy();
        r.set(0, market);
        r.set(1, k.symbol);
        r.set(2, k.interval);
        r.set(3, time(k.openTime));
        r.set(4, exact(k.open, PRICE, "open"));
        r.set(5, exact(k.high, PRICE, "high"));
        r.set(6, exact(k.low, PRICE, "low"));
        r.set(7, exact(k.close, PRICE, "close"));
        r.set(8, time(k.closeTime));
        return r;
    }

    private Record funding(FundingRate f, String market) {
        GenericRecord r = template.copy();
        r.set(0, market);
        r.set(1, f.symbol);
        r.set(2, time(f.calcTime));
        r.set(3, f.fundingIntervalHours);
        r.set(4, exact(f.lastFundingRate, RATE, "last_funding_rate"));
        return r;
    }

    private <T> T require(T value, DecodeResult row) {
        if (value == null) {
            throw new IllegalArgumentException("expected a " + kind.archiveName() + " row, got " + row);
        }
        return value;
    }
}
