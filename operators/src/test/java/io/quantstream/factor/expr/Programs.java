package io.quantstream.factor.expr;

import java.util.List;

/** Runs one expression over series of doubles, as the engine does per key. */
final class Programs {

    private Programs() {}

    /**
     * The expression's raw value (not masked by the warm-up) at every bar, with
     * {@code $close = x[t]} and {@code $volume = y[t]} (y may be null).
     */
    static double[] raw(String expression, double[] x, double[] y) {
        FactorProgram program = FactorProgram.compile(
                List.of(new FactorProgram.Definition("f", expression)));
        double[][] states = program.align(null, null, rejected -> {});
        double[] out = new double[x.length];
        double[] fields = new double[BarField.values().length];
        for (int t = 0; t < x.length; t++) {
            fields[BarField.CLOSE.ordinal()] = x[t];
            fields[BarField.VOLUME.ordinal()] = y == null ? Double.NaN : y[t];
            out[t] = program.values(fields, states)[program.output(0)];
        }
        return out;
    }
}
