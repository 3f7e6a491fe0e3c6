package io.quantstream.connectors.iceberg.load;

import io.quantstream.connectors.binance.RecordFormat;
import io.quantstream.connectors.iceberg.QuantstreamTables;
import io.quantstream.connectors.iceberg.TableDefinition;

/**
 * The Binance archive data sets the history loader reads, by their folder name on
 * {@code data.binance.vision}, and the table each goes to.
 */
public enum ArchiveKind {
    AGG_TRADES("aggTrades", RecordFormat.AGG_TRADES_CSV, QuantstreamTables.TRADES),
    /** Raw trades: every id fills {@code agg_trade_id}, {@code first_trade_id}, {@code last_trade_id}. */
    TRADES("trades", RecordFormat.TRADES_CSV, QuantstreamTables.TRADES),
    KLINES("klines", RecordFormat.KLINES_CSV, QuantstreamTables.KLINES),
    /** Futures only; volume columns are not used by Binance in these files and are dropped. */
    MARK_PRICE_KLINES("markPriceKlines", RecordFormat.KLINES_CSV, QuantstreamTables.MARK_PRICE_KLINES),
    /** Futures only; monthly files. */
    FUNDING_RATE("fundingRate", RecordFormat.FUNDING_RATE_CSV, QuantstreamTables.FUNDING_RATES);

    private final String archiveName;
    private final RecordFormat format;
    private final TableDefinition table;

    ArchiveKind(String archiveName, RecordFormat format, TableDefinition table) {
        this.archiveName = archiveName;
        this.format = format;
        this.table = table;
    }

    /** Folder name in the archive layout, e.g. {@code aggTrades}. */
    public String archiveName() {
        return archiveName;
    }

    RecordFormat format() {
        return format;
    }

    public TableDefinition table() {
        return table;
    }

    /** Whether the archive's files of this kind are named by interval ({@code <SYMBOL>-1m-<date>}). */
    public boolean hasInterval() {
        return this == KLINES || this == MARK_PRICE_KLINES;
    }

    /**
     * The kind called {@code name} in the archive ({@code aggTrades}, {@code trades},
     * {@code klines}, {@code markPriceKlines}, {@code fundingRate}; any case).
     *
     * @throws IllegalArgumentException on any other name
     */
    public static ArchiveKind parse(String name) {
        for (ArchiveKind kind : values()) {
            if (kind.archiveName.equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown archive kind '" + name + "' (expected aggTrades,"
                + " trades, klines, markPriceKlines or fundingRate)");
    }
}
