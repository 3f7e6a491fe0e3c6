package io.quantstream.factor.expr;

import io.quantstream.factor.expr.Expression.Call;
import io.quantstream.factor.expr.Expression.FactorName;
import io.quantstream.factor.expr.Expression.Field;
import io.quantstream.factor.expr.Expression.Number;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one factor expression in qlib's syntax, e.g. {@code Corr($close, Log($volume + 1), 10)}:
 * bar fields ({@link BarField}), numbers, other factors by name, operator calls
 * ({@link Operator}), prefix {@code -} and the infix operators with Python's precedence, lowest
 * first: comparisons ({@code > >= < <= == !=}; not chained), {@code |}, {@code &},
 * {@code + -}, {@code * /}. As in Python, {@code &} binds tighter than a comparison, so
 * {@code $a > 1 & $b > 2} is a chained comparison and rejected: write
 * {@code ($a > 1) & ($b > 2)}.
 *
 * <p>Checked here, each with its column: characters, parentheses, field and operator names,
 * the number of arguments, and the literal arguments: windows are whole numbers from the
 * operator's minimum to {@link Operator#MAX_WINDOW} ({@code EMA} also takes a smoothing factor
 * in (0, 1)), {@code Quantile}'s q is in [0, 1].
 */
final class ExpressionParser {

    private final String text;
    private int at;

    private ExpressionParser(String text) {
        this.text = text;
    }

    /**
     * @throws ExpressionException on the first mistake, with its column
     */
    static Expression parse(String text) {
        ExpressionParser p = new ExpressionParser(text);
        p.skipSpace();
        if (p.at == text.length()) {
            throw new ExpressionException("empty expression", 0);
        }
        Expression e = p.comparison();
        p.skipSpace();
        if (p.at < text.length()) {
            throw p.error(p.at, p.peek() == ')' ? "')' without a matching '('"
                    : "unexpected '" + p.peek() + "' after a complete expression");
        }
        return e;
    }

    private Expression comparison() {
        Expression left = bitOr();
        Operator op = comparisonOperator();
        if (op == null) {
            return left;
        }
        int column = column();
        at += op == Operator.GT || op == Operator.LT ? 1 : 2;
        Expression right = bitOr();
        if (comparisonOperator() != null) {
            throw error(at, "chained comparison: '&' and '|' bind tighter than comparisons (as"
                    + " in Python and qlib); add parentheses, e.g. ($a > 1) & ($b > 2)");
        }
        return new Call(op, List.of(left, right), column);
    }

    private Operator comparisonOperator() {
        skipSpace();
        if (text.startsWith(">=", at)) {
            return Operator.GE;
        } else if (text.startsWith("<=", at)) {
            return Operator.LE;
        } else if (text.startsWith("==", at)) {
            return Operator.EQ;
        } else if (text.startsWith("!=", at)) {
            return Operator.NE;
        } else if (text.startsWith(">", at)) {
            return Operator.GT;
        } else if (text.startsWith("<", at)) {
            return Operator.LT;
        }
        return null;
    }

    private Expression bitOr() {
        Expression left = bitAnd();
        while (skipSpace() && peek() == '|') {
            int column = column();
            at++;
            left = new Call(Operator.OR, List.of(left, bitAnd()), column);
        }
        return left;
    }

    private Expression bitAnd() {
        Expression left = additive();
        while (skipSpace() && peek() == '&') {
            int column = column();
            at++;
            left = new Call(Operator.AND, List.of(left, additive()), column);
        }
        return left;
    }

    private Expression additive() {
        Expression left = term();
        while (skipSpace() && (peek() == '+' || peek() == '-')) {
            int column = column();
            Operator op = text.charAt(at++) == '+' ? Operator.ADD : Operator.SUB;
            left = new Call(op, List.of(left, term()), column);
        }
        return left;
    }

    private Expression term() {
        Expression left = unary();
        while (skipSpace() && (peek() == '*' || peek() == '/')) {
            int column = column();
            if (text.startsWith("**", at)) {
                throw error(at, "'**' is not supported; write Power(a, b)");
            }
            Operator op = text.charAt(at++) == '*' ? Operator.MUL : Operator.DIV;
            left = new Call(op, List.of(left, unary()), column);
        }
        return left;
    }

    private Expression unary() {
        skipSpace();
        if (peek() == '-' || peek() == '+') {
            int column = column();
            boolean minus = text.charAt(at++) == '-';
            Expression operand = unary();
            if (!minus) {
                return operand;
            }
            return operand instanceof Number n ? new Number(-n.value(), column)
                    : new Call(Operator.NEG, List.of(operand), column);
        }
        return primary();
    }

    private Expression primary() {
        skipSpace();
        if (at == text.length()) {
            throw error(at, "unexpected end of the expression");
        }
        char c = peek();
        int start = at;
        if (c == '(') {
            at++;
            Expression inner = comparison();
            expect(')', start);
            return inner;
        }
        if (c == '$') {
            at++;
            String name = identifier();
            BarField field = BarField.of(name);
            if (field == null) {
                String suggestion = Suggestions.closest(name,
                        Arrays.stream(BarField.values()).map(BarField::label).toList());
                throw error(start, "unknown field '$" + name + "'"
                        + (suggestion == null ? "" : "; did you mean $" + suggestion + "?")
                        + " (fields: " + BarField.list() + ")");
            }
            return new Field(field, start + 1);
        }
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            String name = identifier();
            if (skipSpace() && peek() == '(') {
                return call(name, start);
            }
            return new FactorName(name, start + 1);
        }
        throw error(at, "unexpected '" + c + "'");
    }

    private Expression call(String name, int start) {
        Operator op = Operator.of(name);
        if (op == null) {
            String reason = Operator.unsupported(name);
            if (reason != null) {
                throw error(start, "operator '" + name + "' is not supported: " + reason);
            }
            String variant = Operator.caseVariant(name);
            String suggestion = name.equals(Operator.NEG.label()) ? "a minus sign, -x"
                    : variant != null ? variant : Suggestions.closest(name, Operator.labels());
            throw error(start, "unknown operator '" + name + "'"
                    + (suggestion == null ? "" : "; did you mean " + suggestion + "?")
                    + " (operators: " + Operator.list() + ")");
        }
        int open = at++;
        List<Expression> args = new ArrayList<>();
        if (!(skipSpace() && peek() == ')')) {
            args.add(comparison());
            while (skipSpace() && peek() == ',') {
                at++;
                args.add(comparison());
            }
        }
        expect(')', open);
        if (args.size() != op.arity()) {
            throw error(start, op.label() + " takes " + op.arity() + " argument"
                    + (op.arity() == 1 ? "" : "s") + ", " + op.signature() + ", got "
                    + args.size());
        }
        if (op.kind == Operator.Kind.ROLLING) {
            checkWindow(op, args.get(op.series));
        }
        if (op == Operator.QUANTILE) {
            double q = literal(op, args.get(2), "q");
            if (!(q >= 0 && q <= 1)) {
                throw error(args.get(2).column() - 1,
                        "Quantile: q must be between 0 and 1, got " + format(q));
            }
        }
        return new Call(op, args, start + 1);
    }

    private void checkWindow(Operator op, Expression arg) {
        double n = literal(op, arg, "window");
        int column = arg.column() - 1;
        if (op == Operator.EMA && n > 0 && n < 1) {
            return; // a smoothing factor, as qlib's EMA(x, alpha)
        }
        if (n != Math.rint(n)) {
            throw error(column, op.label() + ": window " + format(n) + " is not a whole number"
                    + " of bars" + (op == Operator.EMA ? " (nor a smoothing factor in (0, 1))" : ""));
        }
        if (n < 0 && (op == Operator.REF || op == Operator.DELTA)) {
            throw error(column, op.label() + ": offset " + format(n) + " looks into the future;"
                    + " a stream knows only bars up to the current one");
        }
        if (n == 0) {
            throw error(column, op.label() + ": window 0 (qlib's expanding window, or the first"
                    + " bar for Ref) is not supported: a factor's state must be bounded");
        }
        if (n < op.minWindow || n > Operator.MAX_WINDOW) {
            throw error(column, op.label() + ": window " + format(n) + " is out of range "
                    + op.minWindow + ".." + Operator.MAX_WINDOW + " bars");
        }
    }

    private double literal(Operator op, Expression arg, String what) {
        if (!(arg instanceof Number n)) {
            throw error(arg.column() - 1, op.label() + ": the " + what + " must be a number, as in "
                    + op.signature());
        }
        return n.value();
    }

    private Number number() {
        int start = at;
        while (at < text.length() && (Character.isDigit(peek()) || peek() == '.')) {
            at++;
        }
        if (at < text.length() && (peek() == 'e' || peek() == 'E')) {
            at++;
            if (at < text.length() && (peek() == '+' || peek() == '-')) {
                at++;
            }
            while (at < text.length() && Character.isDigit(peek())) {
                at++;
            }
        }
        String literal = text.substring(start, at);
        try {
            return new Number(Double.parseDouble(literal), start + 1);
        } catch (NumberFormatException e) {
            throw error(start, "'" + literal + "' is not a number");
        }
    }

    private String identifier() {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
            at++;
        }
        if (start == at) {
            throw error(at, "a name must follow '$'");
        }
        return text.substring(start, at);
    }

    private void expect(char c, int opened) {
        skipSpace();
        if (at < text.length() && peek() == c) {
            at++;
            return;
        }
        throw error(at, at == text.length() ? "'(' at column " + (opened + 1) + " is not closed"
                : "expected '" + c + "' or ',' but found '" + peek() + "'");
    }

    /** Skips whitespace; true when there is more text. */
    private boolean skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at < text.length();
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private int column() {
        return at + 1;
    }

    private ExpressionException error(int index, String message) {
        return new ExpressionException(message + " at column " + (index + 1), index + 1);
    }

    static String format(double n) {
        return n == Math.rint(n) && Math.abs(n) < 1e15 ? Long.toString((long) n)
                : Double.toString(n);
    }
}
