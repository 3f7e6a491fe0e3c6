package io.quantstream.factor.expr;

/** A bar field or a constant: the inputs of every expression. */
final class Leaf extends Node {

    private static final long serialVersionUID = 1L;

    /** The field read, or null for a constant. */
    private final BarField field;
    private final double constant;

    private Leaf(String canonical, BarField field, double constant) {
        super(canonical);
        this.field = field;
        this.constant = constant;
    }

    static Leaf field(BarField field) {
        return new Leaf("$" + field.label(), field, Double.NaN);
    }

    static Leaf constant(double value) {
        // −0 is its own constant: 1 / −0 is −∞
        String text = Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(-0.0)
                ? "-0.0" : ExpressionParser.format(value);
        return new Leaf(text, null, value);
    }

    /** The field read, or null for a constant. */
    BarField field() {
        return field;
    }

    /** The value at a bar whose fields are {@code fields} (by {@link BarField#ordinal()}). */
    double value(double[] fields) {
        return field == null ? constant : fields[field.ordinal()];
    }

    @Override
    double evaluate(double[] values, double[] state) {
        throw new IllegalStateException("a leaf is read from the bar, not evaluated: " + this);
    }
}
