package io.quantstream.testing;

import io.quantstream.model.Instrument;
import io.quantstream.model.Market;
import java.util.ArrayList;
import java.util.List;

/** Universes of instruments for tests. */
public final class Instruments {

    private Instruments() {}

    /** The symbols as instruments of {@code market}, in the given order. */
    public static List<Instrument> on(Market market, List<String> symbols) {
        List<Instrument> instruments = new ArrayList<>();
        symbols.forEach(s -> instruments.add(new Instrument(market, s)));
        return instruments;
    }

    /** The symbols as USD-M instruments. */
    public static List<Instrument> usdm(String... symbols) {
        return on(Market.USDM, List.of(symbols));
    }
}
