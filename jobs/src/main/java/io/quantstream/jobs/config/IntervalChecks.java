package io.quantstream.jobs.config;

import io.quantstream.connectors.binance.InputFile;
import io.quantstream.connectors.binance.RecordFormat;
import io.quantstream.model.Interval;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The interval labels of a job config, and the intervals its klines and factors come at.
 *
 * <p>Emitted intervals: {@code 1m} and {@code klines.intervals}, rolled up from trades and 1m
 * klines (so only when the input holds some), plus the interval of every other kline input file
 * (passed through). Factors are computed on {@code factorIntervals}, or on every emitted interval
 * when that is empty. Labels are compared as written ({@code IntervalFilter}, the cross-section's
 * filter), so each must be the one Binance uses ({@code 1h}, not {@code 60m}).
 */
final class IntervalChecks {

    /** Binance's intervals that {@link Interval} supports, for messages. */
    static final String INTERVALS = "1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d";

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    private final List<String> factorIntervals;

    /**
     * Checks {@code klines.intervals} and {@code factorIntervals}, adding a problem per mistake.
     *
     * @param files the input files, or null when unknown
     */
    IntervalChecks(JobConfig config, List<InputFile> files, List<String> p) {
        Set<String> emitted = emitted(config, files, p);
        factorIntervals = factorIntervals(config, emitted, p);
    }

    /** Labels factors are computed on; null when that depends on input files that are unknown. */
    List<String> factorIntervals() {
        return factorIntervals;
    }

    /**
     * Whether {@code label} is an interval written as Binance writes it; else adds a problem
     * naming {@code key}.
     */
    static boolean isLabel(List<String> p, String key, String label) {
        Interval interval;
        try {
            interval = Interval.parse(label);
        } catch (IllegalArgumentException e) {
            p.add(key + ": '" + label + "' is not an interval; intervals: " + INTERVALS);
            return false;
        }
        long millis = interval.millis();
        String binance = millis == DAY ? "1d"
                : millis % HOUR == 0 ? millis / HOUR + "h" : millis / 60_000 + "m";
        if (!binance.equals(label)) {
            p.add(key + ": write '" + binance + "', not '" + label + "' (interval labels are"
                    + " compared as written)");
            return false;
        }
        return true;
    }

    /** Emitted labels, shortest first; null when the input files are unknown. */
    private static Set<String> emitted(JobConfig config, List<InputFile> files, List<String> p) {
        List<String> rolledUp = new ArrayList<>(List.of(Interval.ONE_MINUTE.label()));
        for (String entry : config.klines.intervals) {
            for (String label : entry.split(",")) {
                label = label.trim();
                if (!label.isEmpty() && isLabel(p, "klines.intervals", label)
                        && !rolledUp.contains(label)) {
                    rolledUp.add(label);
                }
            }
        }
        rolledUp.sort(Comparator.comparing(Interval::parse));
        if (files == null) {
            return null;
        }
        Set<String> passedThrough = new TreeSet<>();
        boolean rollsUp = false;
        for (InputFile file : files) {
            if (file.format() == RecordFormat.KLINES_CSV
                    && !Interval.ONE_MINUTE.label().equals(file.interval())) {
                passedThrough.add(file.interval());
            } else {
                rollsUp = true;
            }
        }
        Set<String> emitted = new LinkedHashSet<>();
        if (rollsUp) {
            emitted.addAll(rolledUp);
        } else if (rolledUp.size() > 1) {
            p.add("klines.intervals: " + String.join(", ", rolledUp.subList(1, rolledUp.size()))
                    + " cannot be rolled up: the input holds no trades and no 1m klines, only "
                    + String.join(", ", passedThrough) + " klines");
        }
        emitted.addAll(passedThrough);
        return emitted;
    }

    private static List<String> factorIntervals(
            JobConfig config, Set<String> emitted, List<String> p) {
        if (config.factorIntervals.isEmpty()) {
            return emitted == null ? null : List.copyOf(emitted);
        }
        List<String> labels = new ArrayList<>();
        for (String label : config.factorIntervals) {
            if (emitted != null && emitted.contains(label)) {
                labels.add(label);
            } else if (isLabel(p, "factorIntervals", label)) {
                if (emitted == null) {
                    labels.add(label);
                } else {
                    p.add("factorIntervals: no '" + label + "' klines are emitted; emitted"
                            + " intervals: " + String.join(", ", emitted)
                            + " (klines.intervals and the kline input files)");
                }
            }
        }
        return labels;
    }
}
