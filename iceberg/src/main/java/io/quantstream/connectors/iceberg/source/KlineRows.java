package io.quantstream.connectors.iceberg.source;

import io.quantstream.connectors.iceberg.QuantstreamTables;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.TradeStats;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.source.reader.RowDataConverter;

/**
 * Rows of {@code market.klines} ({@link #klines()}) or {@code market.mark_price_klines}
 * ({@link #markPrices()}), read with the table's definition as projection, as {@link Kline}s:
 * decimals at their column's scale (exact), times in epoch ms UTC, never partial; trade
 * statistics when a klines row has them; mark-price bars have no volumes (null, count 0:
 * markPriceKlines files have none).
 */
final class KlineRows implements RowDataConverter<Kline> {

    private static final long serialVersionUID = 2L;

    private final Columns c;
    private final boolean volumes;
    private final int market;
    private final int symbol;
    private final int interval;
    private final int openTime;
    private final int open;
    private final int high;
    private final int low;
    private final int close;
    private final int closeTime;
    private final int volume;
    private final int quoteVolume;
    private final int count;
    private final int takerBuyVolume;
    private final int takerBuyQuoteVolume;
    private final int buyVolume;

    private KlineRows(Schema projection, boolean volumes) {
        this.c = new Columns(projection);
        this.volumes = volumes;
        market = c.position("market");
        symbol = c.position("symbol");
        interval = c.position("interval");
        openTime = c.position("open_time");
        open = c.position("open");
        high = c.position("high");
        low = c.position("low");
        close = c.position("close");
        closeTime = c.position("close_time");
        volume = volumes ? c.position("volume") : -1;
        quoteVolume = volumes ? c.position("quote_volume") : -1;
        count = volumes ? c.position("count") : -1;
        takerBuyVolume = volumes ? c.position("taker_buy_volume") : -1;
        takerBuyQuoteVolume = volumes ? c.position("taker_buy_quote_volume") : -1;
        buyVolume = volumes ? c.position("buy_volume") : -1;
    }

    /** Rows of {@code market.klines}. */
    static KlineRows klines() {
        return new KlineRows(QuantstreamTables.KLINES.schema(), true);
    }

    /** Rows of {@code market.mark_price_klines}. */
    static KlineRows markPrices() {
        return new KlineRows(QuantstreamTables.MARK_PRICE_KLINES.schema(), false);
    }

    @Override
    public Kline apply(RowData row) {
        Kline k = new Kline();
        k.market = Market.valueOf(row.getString(market).toString());
        k.symbol = row.getString(symbol).toString();
        k.interval = row.getString(interval).toString();
        k.openTime = c.millis(row, openTime);
        k.closeTime = c.millis(row, closeTime);
        k.open = c.decimal(row, open);
        k.high = c.decimal(row, high);
        k.low = c.decimal(row, low);
        k.close = c.decimal(row, close);
        if (volumes) {
            k.volume = c.decimal(row, volume);
            k.quoteVolume = c.decimal(row, quoteVolume);
            k.count = row.getLong(count);
            k.takerBuyVolume = c.decimal(row, takerBuyVolume);
            k.takerBuyQuoteVolume = c.decimal(row, takerBuyQuoteVolume);
            if (!row.isNullAt(buyVolume)) {
                k.tradeStats = tradeStats(row);
            }
        }
        return k;
    }

    /** The trade statistics columns, which follow {@code buy_volume} in the table's order. */
    private TradeStats tradeStats(RowData row) {
        TradeStats s = new TradeStats();
        int i = buyVolume;
        s.buyVolume = c.decimal(row, i++);
        s.sellVolume = c.decimal(row, i++);
        s.buyDollarVolume = c.decimal(row, i++);
        s.sellDollarVolume = c.decimal(row, i++);
        s.buyCount = row.getLong(i++);
        s.sellCount = row.getLong(i++);
        for (int b = 0; b < TradeStats.SIZE_BUCKETS; b++) {
            s.sizeCounts[b] = row.getLong(i++);
            s.sizeVolumes[b] = c.decimal(row, i++);
        }
        return s;
    }

    @Override
    public TypeInformation<Kline> getProducedType() {
        return TypeInformation.of(Kline.class);
    }
}
