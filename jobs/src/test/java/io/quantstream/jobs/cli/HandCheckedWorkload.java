package io.quantstream.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tiny folder in the layout of peerbench gen, its expected klines computed by hand. */
final class HandCheckedWorkload {

    private static final String HEADER = "open_time,open,high,low,close,volume,close_time,"
            + "quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore";

    /** Expected klines (2 per symbol) × 11 fields. */
    static final long FIELDS = 44;

    private HandCheckedWorkload() {}

    /**
     * Two instruments, five trades over three minutes (a minute without ALGOUSDT trades, gap
     * filled), and their klines, in {@code dir}.
     */
    static Path write(Path dir) throws IOException {
        Path data = Files.createDirectories(dir);
        // agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker,is_best_match
        Files.writeString(data.resolve("ALGOUSDT-aggTrades-2026-02.csv"),
                "1,0.2500,10.0,1,1,1769904000100,false,true\n"
                        + "2,0.2600,5.0,2,2,1769904030000,true,true\n"
                        + "3,0.2400,2.0,3,3,1769904150000,true,true\n");
        Files.writeString(data.resolve("LTCUSDT-aggTrades-2026-02.csv"),
                "10,60.00,1.000,10,10,1769904001000,false,true\n"
                        + "11,61.00,0.500,11,11,1769904070000,false,true\n");
        // quote = Σ price × quantity; taker buy = trades whose buyer is not the maker
        Files.writeString(data.resolve("ALGOUSDT-1m-expected.csv"), HEADER + "\n"
                + "1769904000000,0.2500,0.2600,0.2500,0.2600,15.0,1769904059999,3.80,2,10.0,2.50,0\n"
                + "1769904120000,0.2400,0.2400,0.2400,0.2400,2.0,1769904179999,0.48,1,0,0,0\n");
        Files.writeString(data.resolve("LTCUSDT-1m-expected.csv"), HEADER + "\n"
                + "1769904000000,60.00,60.00,60.00,60.00,1.000,1769904059999,60.00,1,1.000,60.00,0\n"
                + "1769904060000,61.00,61.00,61.00,61.00,0.500,1769904119999,30.50,1,0.500,30.50,0\n");
        Files.writeString(data.resolve("manifest.json"), "{\"trades\": 5}\n");
        return data;
    }
}
