package io.quantstream.factor.expr;

import java.util.List;

/**
 * The syntax tree of one factor expression, as {@link ExpressionParser} reads it. Every node
 * carries its {@code column}: 1-based position in the expression text, for error messages.
 */
sealed interface Expression {

    int column();

    /** A number, e.g. {@code 1e-12}. */
    record Number(double value, int column) implements Expression {}

    /** A bar field, e.g. {@code $close}. */
    record Field(BarField field, int column) implements Expression {}

    /** Another factor of the set, by name, e.g. {@code KMID}. */
    record FactorName(String name, int column) implements Expression {}

    /**
     * An operator applied to arguments: a call such as {@code Mean($close, 5)}, or an infix or
     * prefix operator written as its qlib name ({@code $a + $b} is {@code Add($a, $b)},
     * {@code -$a} is {@code Neg($a)}).
     */
    record Call(Operator operator, List<Expression> arguments, int column)
            implements Expression {}
}
