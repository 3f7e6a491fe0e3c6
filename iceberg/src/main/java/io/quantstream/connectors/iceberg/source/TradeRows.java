package io.quantstream.connectors.iceberg.source;

import io.quantstream.connectors.iceberg.QuantstreamTables;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.source.reader.RowDataConverter;

/**
 * Rows of {@code market.trades}, read with {@link #PROJECTION}, as {@link Trade}s: price and
 * quantity exact at their column's scale, trade time in epoch ms UTC, no execution type (the
 * table has none: every row counts as a market trade, as aggTrades do).
 */
final class TradeRows implements RowDataConverter<Trade> {

    private static final long serialVersionUID = 1L;

    /** The columns read, in this order: the table's definition. */
    static final Schema PROJECTION = QuantstreamTables.TRADES.schema();

    private static final Columns C = new Columns(PROJECTION);
    private static final int MARKET = C.position("market");
    private static final int SYMBOL = C.position("symbol");
    private static final int AGG_TRADE_ID = C.position("agg_trade_id");
    private static final int FIRST_TRADE_ID = C.position("first_trade_id");
    private static final int LAST_TRADE_ID = C.position("last_trade_id");
    private static final int PRICE = C.position("price");
    private static final int QUANTITY = C.position("quantity");
    private static final int TRADE_TIME = C.position("trade_time");
    private static final int BUYER_IS_MAKER = C.position("is_buyer_maker");

    @Override
    public Trade apply(RowData row) {
        Trade t = new Trade();
        t.market = Market.valueOf(row.getString(MARKET).toString());
        t.symbol = row.getString(SYMBOL).toString();
        t.aggTradeId = row.getLong(AGG_TRADE_ID);
        t.firstTradeId = row.getLong(FIRST_TRADE_ID);
        t.lastTradeId = row.getLong(LAST_TRADE_ID);
        t.price = C.decimal(row, PRICE);
        t.quantity = C.decimal(row, QUANTITY);
        t.tradeTime = C.millis(row, TRADE_TIME);
        t.buyerIsMaker = row.getBoolean(BUYER_IS_MAKER);
        return t;
    }

    @Override
    public TypeInformation<Trade> getProducedType() {
        return TypeInformation.of(Trade.class);
    }
}
