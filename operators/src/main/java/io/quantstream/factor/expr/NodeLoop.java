package io.quantstream.factor.expr;

/**
 * Every node of a {@link FactorProgram} at the key's next bar, in the program's (topological)
 * order: the program's own interpreter, or the straight-line class {@link NodeLoopGenerator}
 * generates for it. Both give the same doubles. The caller raises each state's bar count after.
 */
interface NodeLoop {

    /**
     * @param fields the bar's fields by {@link BarField#ordinal()}
     * @param states the key's state arrays, in the program's state order; updated
     * @param values written, every slot: each node's value at the bar
     */
    void values(double[] fields, double[][] states, double[] values);
}
