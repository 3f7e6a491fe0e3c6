package io.quantstream.jobs.config;

import io.quantstream.connectors.binance.InputFile;
import io.quantstream.crosssection.CrossSectionTransform;
import io.quantstream.factor.FactorSet;
import io.quantstream.factor.expr.InvalidFactorsException;
import io.quantstream.model.Instrument;
import io.quantstream.portfolio.Weightings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ranking half of a job config: {@code factors}, {@code crossSection}, {@code universe} and
 * {@code strategy}, which only make targets together. A weight must name a factor of the set
 * ({@link FactorSet#names()}), a transform a weighted factor, and each transform must be one of
 * {@link CrossSectionTransform}'s; the cross-section's interval must be one factors are computed
 * on;
 * a cross-section needs a universe and factors, a strategy a cross-section; the universe names
 * instruments ({@link UniverseInstruments}), each accepted by {@code input.symbols} (when set)
 * and in the input files (when every file names its symbol and market: websocket captures carry
 * their symbols in the messages).
 */
final class CrossSectionChecks {

    private CrossSectionChecks() {}

    /**
     * @param files the input files, or null when unknown
     * @param factorIntervals labels factors are computed on, or null when unknown
     */
    static void check(JobConfig config, List<InputFile> files, List<String> factorIntervals,
            List<String> p) {
        List<String> factors = factorNames(config, p);
        checkCrossSection(config, factors, factorIntervals, p);
        checkUniverse(config, files, p);
        checkStrategy(config, p);
    }

    /** The configured factor names; empty without factors, null when the set does not parse. */
    private static List<String> factorNames(JobConfig config, List<String> p) {
        if (config.factors == null || config.factors.isBlank()) {
            return List.of();
        }
        try {
            return List.of(FactorSet.parse(config.factors).names());
        } catch (InvalidFactorsException e) {
            e.problems().forEach(problem -> p.add("factors: " + problem));
            return null;
        } catch (IllegalArgumentException e) {
            p.add("factors: " + e.getMessage());
            return null;
        }
    }

    private static void checkCrossSection(JobConfig config, List<String> factors,
            List<String> factorIntervals, List<String> p) {
        JobConfig.CrossSectionConfig cs = config.crossSection;
        if (cs == null) {
            return;
        }
        if (config.universe == null) {
            p.add("crossSection: there is no universe to rank; add universe.symbols");
        }
        if (factors != null && factors.isEmpty()) {
            p.add("crossSection: there are no factors to rank; set factors, e.g."
                    + " log_return(24),rsi(14)");
        } else if (factorIntervals == null || !factorIntervals.contains(cs.interval)) {
            if (IntervalChecks.isLabel(p, "crossSection.interval", cs.interval)
                    && factorIntervals != null) {
                p.add("crossSection.interval: factors are not computed on '" + cs.interval
                        + "'; factor intervals: " + (factorIntervals.isEmpty() ? "none"
                                : String.join(", ", factorIntervals))
                        + (config.factorIntervals.isEmpty() ? " (every emitted interval)"
                                : " (factorIntervals)"));
            }
        }
        if (cs.weights.isEmpty()) {
            p.add("crossSection.weights: no weights; give each factor to rank a weight, e.g."
                    + " log_return_24: -1.0" + (factors == null || factors.isEmpty() ? ""
                            : "; factors: " + String.join(", ", factors)));
        }
        for (Map.Entry<String, Double> weight : cs.weights.entrySet()) {
            if (weight.getValue() == null || !Double.isFinite(weight.getValue())) {
                p.add("crossSection.weights: weight of '" + weight.getKey()
                        + "' must be a finite number, got " + weight.getValue());
            }
            if (factors != null && !factors.isEmpty() && !factors.contains(weight.getKey())) {
                p.add("crossSection.weights: factor '" + weight.getKey() + "' is not computed;"
                        + " factors: " + String.join(", ", factors));
            }
        }
        ConfigValidator.duration(p, "crossSection.maxWait", cs.maxWait);
        checkTransforms(cs, p);
    }

    /** Each transform parses ({@link CrossSectionTransform#parse}) and names a weighted factor. */
    private static void checkTransforms(JobConfig.CrossSectionConfig cs, List<String> p) {
        try {
            CrossSectionTransform.parse(cs.transform);
        } catch (IllegalArgumentException e) {
            p.add("crossSection.transform: " + e.getMessage());
        }
        for (Map.Entry<String, String> t : cs.transforms.entrySet()) {
            if (!cs.weights.containsKey(t.getKey())) {
                p.add("crossSection.transforms: factor '" + t.getKey() + "' has no weight;"
                        + " weighted factors: " + String.join(", ", cs.weights.keySet()));
            }
            try {
                CrossSectionTransform.parse(t.getValue());
            } catch (IllegalArgumentException e) {
                p.add("crossSection.transforms: " + t.getKey() + ": " + e.getMessage());
            }
        }
    }

    private static void checkUniverse(JobConfig config, List<InputFile> files, List<String> p) {
        JobConfig.Universe universe = config.universe;
        if (universe == null) {
            return;
        }
        if (universe.name == null || universe.name.isBlank()) {
            p.add("universe.name: must not be blank (it names the cross-sections and targets)");
        }
        if (universe.symbols.isEmpty()) {
            p.add("universe.symbols: no instruments to rank");
        }
        List<Instrument> instruments = UniverseInstruments.check(config, p);
        if (!config.input.symbols.isEmpty()) {
            Set<String> accepted = new TreeSet<>();
            config.input.symbols.forEach(s -> accepted.add(s.trim().toUpperCase(Locale.ROOT)));
            List<String> outside = new ArrayList<>();
            for (Instrument i : instruments) {
                if (!accepted.contains(i.symbol()) && !accepted.contains(i.key())) {
                    outside.add(UniverseInstruments.label(i));
                }
            }
            if (!outside.isEmpty()) {
                p.add("universe.symbols: " + String.join(", ", outside) + " not in input.symbols;"
                        + " input.symbols: " + String.join(", ", config.input.symbols));
            }
        }
        if (files != null
                && files.stream().allMatch(f -> f.symbol() != null && f.market() != null)) {
            Set<Instrument> inFiles = new TreeSet<>();
            files.forEach(f -> inFiles.add(new Instrument(f.market(), f.symbol())));
            List<String> absent = new ArrayList<>();
            for (Instrument i : instruments) {
                if (!inFiles.contains(i) && !absent.contains(UniverseInstruments.label(i))) {
                    absent.add(UniverseInstruments.label(i));
                }
            }
            if (!absent.isEmpty()) {
                p.add("universe.symbols: no input file for " + String.join(", ", absent)
                        + "; instruments of the input files: " + String.join(", ",
                                inFiles.stream().map(UniverseInstruments::label).toList()));
            }
        }
    }

    private static void checkStrategy(JobConfig config, List<String> p) {
        JobConfig.Strategy s = config.strategy;
        if (s == null) {
            return;
        }
        if (config.universe == null || config.crossSection == null) {
            p.add("strategy: there is no cross-section to trade; add "
                    + (config.universe == null ? "universe.symbols" : "")
                    + (config.universe == null && config.crossSection == null ? " and " : "")
                    + (config.crossSection == null ? "crossSection (interval, weights)" : ""));
        }
        if (s.name == null || s.name.isBlank()) {
            p.add("strategy.name: must not be blank (it is the reference of every target position)");
        }
        if (!(s.grossLeverage > 0) || Double.isInfinite(s.grossLeverage)) {
            p.add("strategy.grossLeverage: must be a positive number (Σ|weight|, e.g. 1.0), got "
                    + s.grossLeverage);
        }
        if (!(s.maxWeight > 0) || Double.isInfinite(s.maxWeight)) {
            p.add("strategy.maxWeight: must be a positive number (cap on each |weight|, e.g."
                    + " 0.25), got " + s.maxWeight);
        }
        try {
            Weightings.of(s.weighting);
        } catch (IllegalArgumentException e) {
            p.add("strategy.weighting: " + e.getMessage());
        }
        if (s.equity == null || s.equity.signum() < 0) {
            p.add("strategy.equity: must not be negative (quote currency), got " + s.equity);
        }
    }
}
