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
 * What a cross-section ranks: a named universe of instruments at one interval, the weight of
 * each factor in the combined score and the transform each factor's values go through first.
 *
 * <pre>{@code
 * new CrossSectionSpec("majors", List.of(Instrument.parse("usdm:BTCUSDT"),
 *         Instrument.parse("usdm:ETHUSDT"), Instrument.parse("spot:BTCUSDT")), "1m",
 *         Map.of("log_return_5", -1.0, "rsi_14", 0.5), Duration.ofSeconds(10),
 *         Map.of("rsi_14", CrossSectionTransform.parse("rank")));
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
 * @param transforms weighted factor name → its transform; holds every weighted factor, sorted by
 *     name, those not given with {@link CrossSectionTransform#ZSCORE}
 */
public record CrossSectionSpec(
        String universe, List<Instrument> instruments, String interval,
        Map<String, Double> weights, Duration maxWait,
        Map<String, CrossSectionTransform> transforms) implements Serializable {

    /**
     * @throws IllegalArgumentException on a blank universe or interval, no instruments, no
     *     weights, a non-finite weight, a negative wait, or a transform of a factor without a
     *     weight
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
        TreeMap<String, CrossSectionTransform> all = new TreeMap<>();
        if (transforms != null) {
            for (Map.Entry<String, CrossSectionTransform> t : transforms.entrySet()) {
                if (!weights.containsKey(t.getKey())) {
                    throw new IllegalArgumentException("transform of '" + t.getKey()
                            + "', which has no weight; weighted factors: "
                            + String.join(", ", weights.keySet()));
                }
                all.put(t.getKey(), t.getValue());
            }
        }
        weights.keySet().forEach(f -> all.putIfAbsent(f, CrossSectionTransform.ZSCORE));
        transforms = Collections.unmodifiableSortedMap(all);
    }

    /** A spec whose factors are z-scored. */
    public CrossSectionSpec(String universe, List<Instrument> instruments, String interval,
            Map<String, Double> weights, Duration maxWait) {
        this(universe, instruments, interval, weights, maxWait, Map.of());
    }

    /** A spec that z-scores its factors and emits a bar once the watermark passes its close. */
    public CrossSectionSpec(String universe, List<Instrument> instruments, String interval,
            Map<String, Double> weights) {
        this(universe, instruments, interval, weights, Duration.ZERO);
    }

    /** The {@link Instrument#key keys} of the instruments, in the same order. */
    public List<String> keys() {
        return instruments.stream().map(Instrument::key).toList();
    }
}
