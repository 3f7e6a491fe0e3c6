package io.quantstream.factor.expr;

/**
 * An element-wise operator: a function of its inputs' values at the current bar, as numpy
 * computes qlib's element-wise operators ({@code qlib/data/ops.py} {@code NpElemOperator},
 * {@code NpPairOperator}, {@code If}): IEEE arithmetic ({@code x / 0} is ±∞ or {@code NaN},
 * {@code Log} of a negative number {@code NaN}); {@code Greater}/{@code Less} are
 * {@code np.maximum}/{@code np.minimum} ({@code NaN} if either is); comparisons give 1 or 0
 * and are false on {@code NaN} ({@code !=} true); {@code And}, {@code Or}, {@code Not} and
 * {@code If}'s condition take any value but 0 as true, {@code NaN} included
 * ({@code np.where}'s truth).
 */
final class ElementWise extends Node {

    private static final long serialVersionUID = 1L;

    private final Operator op;

    ElementWise(String canonical, Operator op, int... inputs) {
        super(canonical, inputs);
        this.op = op;
    }

    /** The operator applied. */
    Operator op() {
        return op;
    }

    @Override
    double evaluate(double[] v, double[] state) {
        return apply(op, v[inputs[0]], inputs.length > 1 ? v[inputs[1]] : Double.NaN,
                inputs.length > 2 ? v[inputs[2]] : Double.NaN);
    }

    /**
     * {@code op} of the values {@code a}, {@code b}, {@code c} (the inputs in order; those an
     * operator does not take are ignored): what {@link FactorProgram} computes in its own loop,
     * without a call per node.
     */
    static double apply(Operator op, double a, double b, double c) {
        switch (op) {
            case ABS:
                return Math.abs(a);
            case SIGN:
                return sign(a);
            case LOG:
                return Math.log(a);
            case NOT:
                return a == 0 ? 1 : 0;
            case NEG:
                return -a;
            case ADD:
                return a + b;
            case SUB:
                return a - b;
            case MUL:
                return a * b;
            case DIV:
                return a / b;
            case POWER:
                return Math.pow(a, b);
            case GREATER:
                return Math.max(a, b);
            case LESS:
                return Math.min(a, b);
            case GT:
                return a > b ? 1 : 0;
            case GE:
                return a >= b ? 1 : 0;
            case LT:
                return a < b ? 1 : 0;
            case LE:
                return a <= b ? 1 : 0;
            case EQ:
                return a == b ? 1 : 0;
            case NE:
                return a != b ? 1 : 0;
            case AND:
                return a != 0 && b != 0 ? 1 : 0;
            case OR:
                return a != 0 || b != 0 ? 1 : 0;
            case IF:
                return a != 0 ? b : c;
            default:
                throw new IllegalStateException("not element-wise: " + op);
        }
    }

    /** qlib's {@code Sign} ({@code np.sign}): −1, 0 or 1, {@code NaN} for {@code NaN}. */
    static double sign(double a) {
        return Double.isNaN(a) ? Double.NaN : a > 0 ? 1 : a < 0 ? -1 : 0;
    }

    /**
     * The Java expression of {@link #apply}{@code (op, a, b, c)} over the expressions {@code a},
     * {@code b} and {@code c} (the generated program of {@link NodeLoopGenerator}): the same
     * arithmetic, so the same double.
     */
    static String java(Operator op, String a, String b, String c) {
        switch (op) {
            case ABS:
                return "Math.abs(" + a + ")";
            case SIGN:
                return "ElementWise.sign(" + a + ")";
            case LOG:
                return "Math.log(" + a + ")";
            case NOT:
                return "(" + a + " == 0 ? 1.0 : 0.0)";
            case NEG:
                return "(-" + a + ")";
            case ADD:
                return infix(a, "+", b);
            case SUB:
                return infix(a, "-", b);
            case MUL:
                return infix(a, "*", b);
            case DIV:
                return infix(a, "/", b);
            case POWER:
                return "Math.pow(" + a + ", " + b + ")";
            case GREATER:
                return "Math.max(" + a + ", " + b + ")";
            case LESS:
                return "Math.min(" + a + ", " + b + ")";
            case GT:
                return compare(a, ">", b);
            case GE:
                return compare(a, ">=", b);
            case LT:
                return compare(a, "<", b);
            case LE:
                return compare(a, "<=", b);
            case EQ:
                return compare(a, "==", b);
            case NE:
                return compare(a, "!=", b);
            case AND:
                return "(" + a + " != 0 && " + b + " != 0 ? 1.0 : 0.0)";
            case OR:
                return "(" + a + " != 0 || " + b + " != 0 ? 1.0 : 0.0)";
            case IF:
                return "(" + a + " != 0 ? " + b + " : " + c + ")";
            default:
                throw new IllegalStateException("not element-wise: " + op);
        }
    }

    private static String infix(String a, String operator, String b) {
        return "(" + a + " " + operator + " " + b + ")";
    }

    private static String compare(String a, String comparison, String b) {
        return "(" + infix(a, comparison, b) + " ? 1.0 : 0.0)";
    }
}
