package io.quantstream.connectors.iceberg;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.iceberg.types.Types;

/**
 * The column types every quantstream table uses for money and time, chosen to hold every value
 * Binance prints exactly (DESIGN.md rule 6).
 *
 * <p>Binance prints at most 8 decimals (prices, quantities, volumes, funding rates: checked on
 * every file of {@code ../shared/data}); every decimal type here keeps 10 or more, so no archive
 * value is ever rounded. Integer digits: prices up to 10^8 (BTC is near 10^5); quantities up to
 * 10^18 (a SHIB trade is near 10^10); volumes and quote volumes, monthly sums included, up to
 * 10^28. Precision 18 is the largest Parquet stores as a 64-bit integer, hence prices at (18,10).
 */
public final class ColumnTypes {

    /** Prices (open, high, low, close, trade price): {@code DECIMAL(18,10)}. */
    public static final Types.DecimalType PRICE = Types.DecimalType.of(18, 10);
    /** Quantities of one trade or position, base currency or contracts: {@code DECIMAL(28,10)}. */
    public static final Types.DecimalType QUANTITY = Types.DecimalType.of(28, 10);
    /** Volumes and quote volumes (sums over a bar): {@code DECIMAL(38,10)}. */
    public static final Types.DecimalType VOLUME = Types.DecimalType.of(38, 10);
    /** Funding rates, a fraction per funding interval: {@code DECIMAL(18,12)}. */
    public static final Types.DecimalType RATE = Types.DecimalType.of(18, 12);
    /**
     * Computed money (fill prices with slippage, fees, PnL, equity), quote currency:
     * {@code DECIMAL(38,18)}; the execution and ledger stages round to 18 decimals (half-even), the
     * tables take their values exactly.
     */
    public static final Types.DecimalType MONEY = Types.DecimalType.of(38, 18);
    /** Event times: Iceberg {@code timestamptz} (Flink {@code TIMESTAMP_LTZ}), ms precision used. */
    public static final Types.TimestampType TIME = Types.TimestampType.withZone();

    private ColumnTypes() {}

    /**
     * {@code value} at the column's scale, without rounding (Iceberg writes a decimal only at its
     * column's scale).
     *
     * @throws ColumnValueException ({@link ColumnValueException#DOES_NOT_FIT}) when the value has
     *     more decimals than the column keeps or more integer digits than it holds
     */
    public static BigDecimal exact(BigDecimal value, Types.DecimalType type, String column) {
        if (value == null) {
            return null;
        }
        BigDecimal scaled;
        try {
            scaled = value.setScale(type.scale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new ColumnValueException(ColumnValueException.DOES_NOT_FIT, column + ": "
                    + value.toPlainString() + " has more than " + type.scale() + " decimals (column "
                    + type + ")");
        }
        if (scaled.precision() > type.precision()) {
            throw new ColumnValueException(ColumnValueException.DOES_NOT_FIT, column + ": "
                    + value.toPlainString() + " does not fit column " + type);
        }
        return scaled;
    }

    /** Epoch milliseconds UTC as the value of a {@link #TIME} column. */
    public static OffsetDateTime time(long epochMillis) {
        // not OffsetDateTime.ofInstant: it builds a ZoneRules per call, a tenth of a load's time
        long seconds = Math.floorDiv(epochMillis, 1000L);
        int nanos = (int) Math.floorMod(epochMillis, 1000L) * 1_000_000;
        return OffsetDateTime.of(LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC), ZoneOffset.UTC);
    }

    /** A {@link #TIME} column's value as epoch milliseconds UTC. */
    public static long epochMillis(OffsetDateTime time) {
        return time.toInstant().toEpochMilli();
    }
}
