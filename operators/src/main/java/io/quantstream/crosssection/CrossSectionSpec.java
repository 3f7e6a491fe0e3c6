package io.quantstream.crosssection;

import io.quantstream.model.Instrument;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a cross-section ranks: a named universe of instruments at one interval, and the weight of
 * each factor in the combined score.
 *
 * <pre>{@code
 * new CrossSectionSpec("majors", List.of(Instrument.parse("usdm:BTCUSDT"),
 *         Instrument.parse("usdm:ETHUSDT"), Instrument.parse("spot:BTCUSDT")), "1m",
 *         Map.of("log_return_5", -1.0, "rsi_14", 0.5), Duration.ofSeconds(10));
 * }</pre>
 *
 * @param universe universe name, copied to every {@code CrossSection}
 * @param instruments the universe; kept sorted ({@link Instrument#compareTo}) and without
 *     duplicates
 * @param interval interval label of the factor vectors to rank, e.g. {@code 1m}
 * @param weights factor name (e.g. {@code rsi_14}) → weight; negative weights rank low values
 *     first (mean reversion); kept sorted by name so the score sums in the same order everywhere
 * @param maxWait how long the watermark may pass a bar's close time before the bar is emitted
 *     without the instruments that have not reported; {@code Duration.ZERO} by default
 */
public record CrossSectionSpec(
        String universe, List<Instrument> instruments, String interval,
        Map<String, Double> weights, Duration maxWait) implements Serializable {

    /**
     * @throws IllegalArgumentException on a blank universe or interval, no instruments, no
     *     weights, a non-finite weight, or a negative wait
     */
    public CrossSectionSpec {
        if (universe == null || universe.isBlank() || interval == null || interval.isBlank()) {
            throw new IllegalArgumentException("universe and interval are required");
        }
        if (instruments == null || instruments.isEmpty()) {
            throw new IllegalArgumentException("universe '" + universe + "' has no instruments");
        }
        if (weights == null || weights.isEmpty()) {
            throw new IllegalArgumentException("universe '" + universe + "' has no factor weights");
        }
        weights.forEach((name, weight) -> {
            if (weight == null || !Double.isFinite(weight)) {
                throw new IllegalArgumentException("weight of '" + name + "' must be finite");
            }
        });
        maxWait = maxWait == null ? Duration.ZERO : maxWait;
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative: " + maxWait);
        }
        instruments = List.copyOf(new TreeSet<>(instruments));
        weights = Collections.unmodifiableSortedMap(new TreeMap<>(weights));
    }

    /** A spec that emits a bar as soon as the watermark passes its close time. */
    public CrossSectionSpec(String universe, List<Instrument> instruments, String interval,
            Map<String, Double> weights) {
        this(universe, instruments, interval, weights, Duration.ZERO);
    }

    /** The {@link Instrument#key keys} of the instruments, in the same order. */
    public List<String> keys() {
        return instruments.stream().map(Instrument::key).toList();
    }
}
