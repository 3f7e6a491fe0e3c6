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
 * Rows of {@code market.klines}, read with {@link #PROJECTION}, as {@link Kline}s: decimals at
 * their column's scale (exact), times in epoch ms UTC, never partial; trade statistics when the
 * row has them.
 */
final class KlineRows implements RowDataConverter<Kline> {

    private static final long serialVersionUID = 1L;

    /** The columns read, in this order: the table's definition. */
    static final Schema PROJECTION = QuantstreamTables.KLINES.schema();

    private static final Columns C = new Columns(PROJECTION);
    private static final int MARKET = C.position("market");
    private static final int SYMBOL = C.position("symbol");
    private static final int INTERVAL = C.position("interval");
    private static final int OPEN_TIME = C.position("open_time");
    private static final int OPEN = C.position("open");
    private static final int HIGH = C.position("high");
    private static final int LOW = C.position("low");
    private static final int CLOSE = C.position("close");
    private static final int VOLUME = C.position("volume");
    private static final int CLOSE_TIME = C.position("close_time");
    private static final int QUOTE_VOLUME = C.position("quote_volume");
    private static final int COUNT = C.position("count");
    private static final int TAKER_BUY_VOLUME = C.position("taker_buy_volume");
    private static final int TAKER_BUY_QUOTE_VOLUME = C.position("taker_buy_quote_volume");
    private static final int BUY_VOLUME = C.position("buy_volume");

    @Override
    public Kline apply(RowData row) {
        Kline k = new Kline();
        k.market = Market.valueOf(row.getString(MARKET).toString());
        k.symbol = row.getString(SYMBOL).toString();
        k.interval = row.getString(INTERVAL).toString();
        k.openTime = C.millis(row, OPEN_TIME);
        k.closeTime = C.millis(row, CLOSE_TIME);
        k.open = C.decimal(row, OPEN);
        k.high = C.decimal(row, HIGH);
        k.low = C.decimal(row, LOW);
        k.close = C.decimal(row, CLOSE);
        k.volume = C.decimal(row, VOLUME);
        k.quoteVolume = C.decimal(row, QUOTE_VOLUME);
        k.count = row.getLong(COUNT);
        k.takerBuyVolume = C.decimal(row, TAKER_BUY_VOLUME);
        k.takerBuyQuoteVolume = C.decimal(row, TAKER_BUY_QUOTE_VOLUME);
        if (!row.isNullAt(BUY_VOLUME)) {
            k.tradeStats = tradeStats(row);
        }
        return k;
    }

    /** The trade statistics columns, which follow {@code buy_volume} in the table's order. */
    private static TradeStats tradeStats(RowData row) {
        TradeStats s = new TradeStats();
        int c = BUY_VOLUME;
        s.buyVolume = C.decimal(row, c++);
        s.sellVolume = C.decimal(row, c++);
        s.buyDollarVolume = C.decimal(row, c++);
        s.sellDollarVolume = C.decimal(row, c++);
        s.buyCount = row.getLong(c++);
        s.sellCount = row.getLong(c++);
        for (int i = 0; i < TradeStats.SIZE_BUCKETS; i++) {
            s.sizeCounts[i] = row.getLong(c++);
            s.sizeVolumes[i] = C.decimal(row, c++);
        }
        return s;
    }

    @Override
    public TypeInformation<Kline> getProducedType() {
        return TypeInformation.of(Kline.class);
    }
}
