package io.quantstream.crosssection;

import io.quantstream.model.FactorVector;
import io.quantstream.model.SymbolScore;
import io.quantstream.model.UnscoredSymbol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Combines factor values across the instruments of one bar into one score per instrument:
 * {@code score = Σ_f weight_f · t_f(x_f)}, where {@code t_f} is factor {@code f}'s
 * {@link CrossSectionTransform} (z-score by default) over the values of {@code f} that are finite
 * at the bar. An instrument with a non-finite value in any weighted factor gets no score: it is
 * returned as {@link UnscoredSymbol#FACTOR_NOT_WARM} when one of them is still warming up, else as
 * {@link UnscoredSymbol#FACTOR_NOT_FINITE} (undefined at the bar); its finite values of the other
 * factors still count in their transforms.
 */
final class CombinedScores {

    private CombinedScores() {}

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
     * @param transforms transform of each factor, same order
     * @return every present instrument, scored or unscored
     */
    static Result combine(List<FactorVector> present, String[] factors, double[] weights,
            CrossSectionTransform[] transforms) {
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
            double[] t = transforms[f].apply(x[f]);
            for (int i = 0; i < n; i++) {
                scores[i] += weights[f] * t[i];
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

    private static boolean allFinite(double[][] x, int i) {
        for (double[] factor : x) {
            if (!Double.isFinite(factor[i])) {
                return false;
            }
        }
        return true;
    }
}
