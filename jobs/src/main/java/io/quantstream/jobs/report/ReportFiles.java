package io.quantstream.jobs.report;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.quantstream.connectors.file.JsonLinesSink;
import io.quantstream.model.Fill;
import io.quantstream.model.FundingPayment;
import io.quantstream.model.LedgerEntry;
import io.quantstream.model.TargetPosition;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * The data files of a report folder: CSVs with a header (times ISO-8601 UTC with milliseconds,
 * decimals plain and exact, empty for null) and the target positions as JSON lines, as the file
 * {@code run} writes them.
 */
final class ReportFiles {

    /** Times in the CSV files and on the page: {@code 2026-02-01T00:59:59.999Z}. */
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private ReportFiles() {}

    static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /**
     * {@code equity.csv}: the start (initial equity in cash, nothing held) one interval before the
     * first close, then the ledger's total row at every close of the interval.
     */
    static void equity(Path file, ReportInput input, long start) throws IOException {
        try (SequenceWriter out = csv(file, "time", "equity", "cash", "gross_exposure",
                "net_exposure", "drawdown")) {
            out.write(row(time(start), input.initialEquity(), input.initialEquity(),
                    BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));
            for (LedgerEntry e : input.totals()) {
                out.write(row(time(e.time), e.equity, e.cash, e.grossExposure, e.netExposure,
                        e.drawdown));
            }
        }
    }

    /** {@code fills.csv}: every order, filled, cut or skipped, by fill time. */
    static void fills(Path file, List<Fill> fills) throws IOException {
        try (SequenceWriter out = csv(file, "time", "signal_time", "market", "symbol",
                "order_quantity", "quantity", "price", "notional", "fee", "realized_pnl", "reason",
                "detail")) {
            for (Fill f : fills) {
                out.write(row(time(f.time), time(f.signalTime), f.market, f.symbol,
                        f.orderQuantity, f.quantity, f.price, f.notional, f.fee, f.realizedPnl,
                        f.reason, f.detail));
            }
        }
    }

    /**
     * {@code funding.csv}: every funding payment, by funding time; {@code mark_price_source} is
     * {@code mark-price-open} or {@code last-close} ({@link FundingPayment#markPriceSource}).
     */
    static void funding(Path file, List<FundingPayment> payments) throws IOException {
        try (SequenceWriter out = csv(file, "time", "market", "symbol", "position", "mark_price",
                "mark_price_source", "rate", "payment")) {
            for (FundingPayment p : payments) {
                out.write(row(time(p.time), p.market, p.symbol, p.position, p.markPrice,
                        p.markPriceSource, p.rate, p.payment));
            }
        }
    }

    /** {@code target-positions.jsonl}: one target per line, the public fields. */
    static void targets(Path file, List<TargetPosition> targets) throws IOException {
        ObjectWriter json = JsonLinesSink.mapper().writer();
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (TargetPosition t : targets) {
                out.write(json.writeValueAsString(t));
                out.write('\n');
            }
        }
    }

    private static SequenceWriter csv(Path file, String... columns) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        for (String column : columns) {
            schema.addColumn(column);
        }
        return CSV.writer(schema.build()).writeValues(file.toFile());
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
