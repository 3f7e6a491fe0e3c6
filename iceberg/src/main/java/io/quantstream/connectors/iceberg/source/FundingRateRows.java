package io.quantstream.connectors.iceberg.source;

import io.quantstream.connectors.iceberg.QuantstreamTables;
import io.quantstream.model.FundingRate;
import io.quantstream.model.Market;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.source.reader.RowDataConverter;

/** Rows of {@code market.funding_rates}, read with {@link #PROJECTION}, as {@link FundingRate}s. */
final class FundingRateRows implements RowDataConverter<FundingRate> {

    private static final long serialVersionUID = 1L;

    /** The columns read, in this order: the table's definition. */
    static final Schema PROJECTION = QuantstreamTables.FUNDING_RATES.schema();

    private static final Columns C = new Columns(PROJECTION);
    private static final int MARKET = C.position("market");
    private static final int SYMBOL = C.position("symbol");
    private static final int CALC_TIME = C.position("calc_time");
    private static final int INTERVAL_HOURS = C.position("funding_interval_hours");
    private static final int RATE = C.position("last_funding_rate");

    @Override
    public FundingRate apply(RowData row) {
        FundingRate f = new FundingRate();
        f.market = Market.valueOf(row.getString(MARKET).toString());
        f.symbol = row.getString(SYMBOL).toString();
        f.calcTime = C.millis(row, CALC_TIME);
        f.fundingIntervalHours = row.getInt(INTERVAL_HOURS);
        f.lastFundingRate = C.decimal(row, RATE);
        return f;
    }

    @Override
    public TypeInformation<FundingRate> getProducedType() {
        return TypeInformation.of(FundingRate.class);
    }
}
