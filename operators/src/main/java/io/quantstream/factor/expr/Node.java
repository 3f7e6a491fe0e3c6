package io.quantstream.factor.expr;

import java.io.Serializable;

/**
 * One node of a compiled {@link FactorProgram}: a bar field, a constant, an element-wise operator
 * or a rolling operator, evaluated once per bar and key after its inputs (nodes are in
 * topological order, each shared sub-expression is one node).
 *
 * <p>A stateful node keeps its history in a {@code double[]} owned by the caller:
 * {@code [layoutVersion, bars, slots…]}, {@link #slots()} slots after a {@link #HEADER} of two.
 * {@code bars} is the number of bars the node has taken before the current one (the caller
 * raises it after {@link #evaluate}); a fresh state is all zeros but for the version. Integers
 * (counts, indices) are kept in doubles, exact up to 2^53.
 */
abstract class Node implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Slot of the layout version. */
    static final int VERSION = 0;
    /** Slot of the number of bars taken before the current one. */
    static final int BARS = 1;
    /** Slots before a node's own. */
    static final int HEADER = 2;

    /** Indices of the input nodes in the program. */
    final int[] inputs;
    /** Canonical text, e.g. {@code Mean($close,5)}: identifies the node and its state. */
    final String canonical;

    Node(String canonical, int... inputs) {
        this.canonical = canonical;
        this.inputs = inputs;
    }

    /** Doubles of history after the header; 0 for a node without history. */
    int slots() {
        return 0;
    }

    /**
     * Whether the node, with no state of its own, reads its first input's: it is given that
     * node's state in {@link #evaluate} (a {@link WindowStatistic}).
     */
    boolean readsInputState() {
        return false;
    }

    /**
     * Version of the meaning of the slots: raised when an implementation reads them
     * differently, so that a state written by the old one is warmed up again, never misread.
     */
    int layoutVersion() {
        return 1;
    }

    /**
     * The node's value at the current bar.
     *
     * @param values values of the nodes before this one at the current bar
     * @param state this node's state, or its first input's when it {@link #readsInputState()
     *     reads that}; {@code null} when it has none
     */
    abstract double evaluate(double[] values, double[] state);

    /** Number of bars taken before the current one. */
    static long bars(double[] state) {
        return (long) state[BARS];
    }

    @Override
    public String toString() {
        return canonical;
    }
}
