package io.quantstream.connectors.iceberg.source;

import io.quantstream.connectors.iceberg.QuantstreamTables;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.source.reader.RowDataConverter;

/**
 * Rows of {@code market.mark_price_klines}, read with {@link #PROJECTION}, as {@link Kline}s of
 * mark prices: prices exact at their column's scale, times in epoch ms UTC, no volumes (null,
 * count 0: markPriceKlines files have none).
 */
final class MarkPriceKlineRows implements RowDataConverter<Kline> {

    private static final long serialVersionUID = 1L;

    /** The columns read, in this order: the table's definition. */
    static final Schema PROJECTION = QuantstreamTables.MARK_PRICE_KLINES.schema();

    private static final Columns C = new Columns(PROJECTION);
    private static final int MARKET = C.position("market");
    private static final int SYMBOL = C.position("symbol");
    private static final int INTERVAL = C.position("interval");
    private static final int OPEN_TIME = C.position("open_time");
    private static final int OPEN = C.position("open");
    private static final int HIGH = C.position("high");
    private static final int LOW = C.position("low");
    private static final int CLOSE = C.position("close");
    private static final int CLOSE_TIME = C.position("close_time");

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
        return k;
    }

    @Override
    public TypeInformation<Kline> getProducedType() {
        return TypeInformation.of(Kline.class);
    }
}
