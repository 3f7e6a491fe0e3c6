package io.quantstream.factor.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.factor.expr.FactorProgram.Definition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing, precedence, shared sub-expressions and every kind of mistake, with its position. */
class ExpressionsCompileTest {

    private static FactorProgram compile(String... nameThenExpression) {
        List<Definition> definitions = new ArrayList<>();
        for (int i = 0; i < nameThenExpression.length; i += 2) {
            definitions.add(new Definition(nameThenExpression[i], nameThenExpression[i + 1]));
        }
        return FactorProgram.compile(definitions);
    }

    private static String error(String... nameThenExpression) {
        try {
            compile(nameThenExpression);
        } catch (InvalidFactorsException e) {
            return e.getMessage();
        }
        throw new AssertionError("compiled");
    }

    @Test
    void infixOperatorsTakePythonsPrecedence() {
        FactorProgram p = compile("a", "$open + $high * $low - -$close / 2",
                "b", "($close > Ref($close, 1)) & ($volume > 0) | $count == 0");

        assertThat(p.canonicals()).contains(
                "Sub(Add($open,Mul($high,$low)),Div(Neg($close),2))",
                // as in Python: '|' binds tighter than '=='
                "Eq(Or(And(Gt($close,Ref($close,1)),Gt($volume,0)),$count),0)");
    }

    @Test
    void sharedSubExpressionsAndReferencedFactorsAreOneNode() {
        FactorProgram p = compile(
                "up", "Sum(Greater($close - Ref($close, 1), 0), 5)",
                "all", "Sum(Abs($close - Ref($close, 1)), 5)",
                "ratio", "up / (all + 1e-12)",
                "delta", "Delta($close, 1)");

        List<String> nodes = p.canonicals();
        assertThat(nodes).containsOnlyOnce("Ref($close,1)", "Sub($close,Ref($close,1))", "$close");
        assertThat(nodes).contains("Div(Sum(Greater(Sub($close,Ref($close,1)),0),5),"
                + "Add(Sum(Abs(Sub($close,Ref($close,1))),5),1.0E-12))");
        // $close, Ref, Sub, 0, Greater, Sum, Abs, Sum, 1e-12, Add, Div (windows are not nodes;
        // Delta($close, 1) is the Sub already there)
        assertThat(p.nodeCount()).isEqualTo(11);
        assertThat(p.names()).containsExactly("up", "all", "ratio", "delta");
    }

    @Test
    void warmUpIsQlibsExtendedWindow() {
        FactorProgram p = compile("ma", "Mean($close, 5)", "ret", "$close / Ref($close, 3) - 1",
                "vol", "Std(Log($close / Ref($close, 1)), 20)", "kmid", "$close / $open - 1",
                "nested", "Mean(Std($close, 5), 10)", "ema", "EMA($close, 0.5)");

        assertThat(p.warmUp(0)).isEqualTo(5);
        assertThat(p.warmUp(1)).isEqualTo(4);
        assertThat(p.warmUp(2)).isEqualTo(21);
        assertThat(p.warmUp(3)).isEqualTo(1);
        assertThat(p.warmUp(4)).isEqualTo(14);
        // (1 − 0.5)^k < 1e-6 from k = 19: qlib's int(log(1e-6) / log(0.5)) = 19, lag 18
        assertThat(p.warmUp(5)).isEqualTo(19);
    }

    @Test
    void unknownFieldsAndOperatorsAreNamedWithTheirColumnAndASuggestion() {
        assertThat(error("MOM", "$close / Ref($clsoe, 5)")).isEqualTo("factor 'MOM': unknown"
                + " field '$clsoe'; did you mean $close? (fields: $open, $high, $low, $close,"
                + " $volume, $quote_volume, $count, $taker_buy_volume, $taker_buy_quote_volume,"
                + " $vwap,"
                + " $dollar_volume, $buy_volume, $sell_volume, $buy_dollar_volume, $sell_dollar_volume,"
                + " $buy_count, $sell_count, $size1_count, $size2_count, $size3_count, $size4_count,"
                + " $size1_volume, $size2_volume, $size3_volume, $size4_volume) at column 14 in '$close / Ref($clsoe, 5)'");
        assertThat(error("MA", "mean($close, 5)")).startsWith("factor 'MA': unknown operator"
                + " 'mean'; did you mean Mean? (operators: Abs, Sign, Log, Not, Add,");
        assertThat(error("MA", "Maen($close, 5)")).contains("unknown operator 'Maen'; did you"
                + " mean Mean?").endsWith("at column 1 in 'Maen($close, 5)'");
        // negation is written with a minus sign, not called by its name
        assertThat(error("N", "Neg($close)")).contains("unknown operator 'Neg'; did you mean a"
                + " minus sign, -x?");
        assertThat(error("X", "Mask($close, 'SH000300')"))
                .contains("operator 'Mask' is not supported: it reads another instrument's series");
    }

    @Test
    void wrongArityAndBadLiteralsAreRejected() {
        assertThat(error("a", "Mean($close)")).isEqualTo("factor 'a': Mean takes 2 arguments,"
                + " Mean(series, n), got 1 at column 1 in 'Mean($close)'");
        assertThat(error("a", "Corr($close, 5)")).contains("Corr takes 3 arguments,"
                + " Corr(series, series, n), got 2");
        assertThat(error("a", "If($close > 1, 1)")).contains("If takes 3 arguments");
        assertThat(error("a", "Mean($close, $volume)"))
                .contains("Mean: the window must be a number, as in Mean(series, n) at column 14");
        assertThat(error("a", "Quantile($close, 5, 1.5)"))
                .contains("Quantile: q must be between 0 and 1, got 1.5 at column 21");
    }

    @Test
    void windowsOutOfRangeAreRejected() {
        assertThat(error("a", "Mean($close, 0)")).contains("Mean: window 0 (qlib's expanding"
                + " window, or the first bar for Ref) is not supported: a factor's state must be"
                + " bounded at column 14");
        assertThat(error("a", "Ref($close, -1)")).contains("Ref: offset -1 looks into the future");
        assertThat(error("a", "Sum($close, 100001)"))
                .contains("Sum: window 100001 is out of range 1..100000 bars");
        assertThat(error("a", "Skew($close, 2)")).contains("Skew: window 2 is out of range 3..");
        assertThat(error("a", "Std($close, 1)")).contains("Std: window 1 is out of range 2..");
        assertThat(error("a", "Mean($close, 2.5)"))
                .contains("Mean: window 2.5 is not a whole number of bars");
        assertThat(error("a", "EMA($close, 2.5)")).contains("(nor a smoothing factor in (0, 1))");
    }

    @Test
    void syntaxErrorsSayWhereTheyAre() {
        assertThat(error("a", "$close > 1 & $volume > 2")).contains("chained comparison: '&'"
                + " and '|' bind tighter than comparisons (as in Python and qlib); add"
                + " parentheses, e.g. ($a > 1) & ($b > 2) at column 22");
        assertThat(error("a", "Mean($close, 5")).contains("'(' at column 5 is not closed");
        assertThat(error("a", "$close)")).contains("')' without a matching '(' at column 7");
        assertThat(error("a", "$close $open")).contains("unexpected '$' after a complete"
                + " expression at column 8");
        assertThat(error("a", "$close ** 2")).contains("'**' is not supported; write Power(a, b)");
        assertThat(error("a", "$close + ")).contains("unexpected end of the expression");
        assertThat(error("a", "$close % 2")).contains("unexpected '%'");
        assertThat(error("a", "  ")).isEqualTo("factor 'a': empty expression in '  '");
    }

    @Test
    void cyclesUnknownFactorsAndDuplicateNamesAreRejected() {
        assertThat(error("a", "b + 1", "b", "Mean(c, 5)", "c", "a * 2"))
                .contains("cycle between factors: a → b → c → a");
        assertThat(error("a", "a + 1")).contains("cycle between factors: a → a");
        assertThat(error("a", "Mean(mom, 5)", "momentum", "$close")).isEqualTo("factor 'a':"
                + " unknown factor 'mom' at column 6 in 'Mean(mom, 5)'");
        assertThat(error("a", "Mean(momentun, 5)", "momentum", "$close"))
                .contains("unknown factor 'momentun'; did you mean momentum? at column 6");
        assertThat(error("a", "close / 2")).contains("unknown factor 'close'; did you mean"
                + " $close? at column 1");
        assertThat(error("a", "$close", "a", "$open")).isEqualTo("factor 'a' is defined twice");
        assertThat(error("1a", "$close")).startsWith("factor '1a': a name is letters");
    }

    @Test
    void everyMistakeIsReportedNotOnlyTheFirst() {
        InvalidFactorsException e = null;
        try {
            compile("a", "$clse", "b", "Mean($close, 0)", "c", "a + 1", "d", "$close");
        } catch (InvalidFactorsException thrown) {
            e = thrown;
        }

        assertThat(e).isNotNull();
        assertThat(e.problems()).hasSize(3);
        assertThat(e.problems().get(2)).isEqualTo("factor 'c': factor 'a' has errors, at"
                + " column 1 in 'a + 1'");
    }
}
