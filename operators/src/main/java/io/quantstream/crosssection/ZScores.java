package io.quantstream.crosssection;

import io.quantstream.model.FactorVector;
import io.quantstream.model.SymbolScore;
import io.quantstream.model.UnscoredSymbol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Combines factor values across the instruments of one bar into one score per instrument:
 * {@code score = Σ_f weight_f · z_f} with {@code z_f = (x − mean_f) / stdev_f}, mean and
 * <em>population</em> standard deviation of factor {@code f} over the instruments that have a
 * finite value for it. When fewer than two have one, or they are all equal, {@code z_f = 0}.
 * An instrument with a non-finite value in any weighted factor gets no score: it is returned as
 * {@link UnscoredSymbol#FACTOR_NOT_WARM} when one of them is still warming up, else as
 * {@link UnscoredSymbol#FACTOR_NOT_FINITE} (undefined at the bar).
 */
final class ZScores {

    private ZScores() {}

    /**
     * The instruments of one bar, scored or not, each sorted by instrument key.
     *
     * @param scored instruments with every weighted factor finite, with their score and close
     * @param unscored the other instruments, with their reason and close
     */
    record Result(SymbolScore[] scored, UnscoredSymbol[] unscored) {}

    /**
     * @param present one vector per instrument present at the bar, in any order
     * @param factors weighted factor names
     * @param weights weight of each factor, same order
     * @return every present instrument, scored or unscored
     */
    static Result combine(List<FactorVector> present, String[] factors, double[] weights) {
        // Instrument order fixes the order of every floating-point sum: same bits in any run.
        List<FactorVector> vectors = new ArrayList<>(present);
        vectors.sort(Comparator.comparing((FactorVector v) -> v.market.name())
                .thenComparing(v -> v.symbol));
        int n = vectors.size();
        double[][] x = new double[factors.length][n];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < factors.length; f++) {
                x[f][i] = vectors.get(i).value(factors[f]);
            }
        }
        double[] scores = new double[n];
        for (int f = 0; f < factors.length; f++) {
            double[] z = zScores(x[f]);
            for (int i = 0; i < n; i++) {
                scores[i] += weights[f] * z[i];
            }
        }
        List<SymbolScore> scored = new ArrayList<>();
        List<UnscoredSymbol> unscored = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FactorVector v = vectors.get(i);
            if (allFinite(x, i)) {
                scored.add(new SymbolScore(v.market, v.symbol, scores[i], v.close));
            } else {
                unscored.add(new UnscoredSymbol(v.market, v.symbol, v.warm(factors)
                        ? UnscoredSymbol.FACTOR_NOT_FINITE : UnscoredSymbol.FACTOR_NOT_WARM, v.close));
            }
        }
        return new Result(scored.toArray(new SymbolScore[0]),
                unscored.toArray(new UnscoredSymbol[0]));
    }

    /** z-scores of the finite values; 0 where undefined (and for the non-finite values). */
    static double[] zScores(double[] values) {
        double[] z = new double[values.length];
        int count = 0;
        double mean = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                count++;
                mean += v;
            }
        }
        if (count < 2) {
            return z;
        }
        mean /= count;
        double squares = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        double stdev = Math.sqrt(squares / count);
        if (stdev == 0) {
            return z;
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i])) {
                z[i] = (values[i] - mean) / stdev;
            }
        }
        return z;
    }

    private static boolean allFinite(double[][] x, int i) {
        for (double[] factor : x) {
            if (!Double.isFinite(factor[i])) {
                return false;
            }
        }
        return true;
    }
}
