package io.quantstream.factor.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.factor.FactorSet;
import io.quantstream.model.Kline;
import io.quantstream.testing.RealKlines;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated node loop ({@link NodeLoopGenerator}) gives the doubles the interpreter gives,
 * bit for bit ({@code NaN}, infinities and −0 included): for every factor set of the project on
 * real klines, and for every element-wise operator on the values where IEEE arithmetic has its
 * special cases.
 */
class NodeLoopGeneratorTest {

    @Test
    void theProjectsSetsComputeTheInterpretersValuesOnRealKlines() throws IOException {
        List<Kline> minutes = RealKlines.february2026("LTCUSDT").subList(0, 3_000);
        List<Kline> hours = RealKlines.rollUp(RealKlines.february2026("DOTUSDT"), 60);
        for (String set : List.of("alpha158", "technical",
                "sma(3),ema(12),rsi(14),log_return(1),realized_vol(20),taker_buy_ratio,vwap_dev")) {
            for (List<Kline> bars : List.of(minutes, hours)) {
                List<FactorProgram.Definition> definitions = FactorSet.parse(set).definitions();
                FactorProgram generated = FactorProgram.compile(definitions);
                FactorProgram interpreted = FactorProgram.compile(definitions);
                interpreted.interpretNodes();
                double[][] generatedStates = generated.align(null, null, rejected -> {});
                double[][] interpretedStates = interpreted.align(null, null, rejected -> {});
                for (int t = 0; t < bars.size(); t++) {
                    double[] expected = interpreted.evaluate(bars.get(t), interpretedStates);
                    assertThat(generated.evaluate(bars.get(t), generatedStates))
                            .as("%s at bar %d", set, t).isEqualTo(expected);
                }
                assertThat(generatedStates).as(set).isDeepEqualTo(interpretedStates);
                assertThat(generated.generated()).as(set).isTrue();
                assertThat(interpreted.generated()).isFalse();
            }
        }
    }

    @Test
    void everyElementWiseOperatorGivesTheInterpretersDouble() {
        List<FactorProgram.Definition> definitions = new ArrayList<>();
        for (Operator op : Operator.values()) {
            if (op == Operator.NEG) {
                definitions.add(new FactorProgram.Definition(op.name(), "-$open"));
            } else if (op.kind == Operator.Kind.ELEMENT) {
                String args = op.arity() == 1 ? "$open" : op.arity() == 2 ? "$open, $high"
                        : "$open, $high, $low";
                definitions.add(new FactorProgram.Definition(op.name(),
                        op.label() + "(" + args + ")"));
            }
        }
        definitions.add(new FactorProgram.Definition("CONSTANTS",
                "$open / -0.0 + Power($high, 0.1) * 1e-300 - 3"));
        FactorProgram generated = FactorProgram.compile(definitions);
        FactorProgram interpreted = FactorProgram.compile(definitions);
        interpreted.interpretNodes();
        double[][] generatedStates = generated.align(null, null, rejected -> {});
        double[][] interpretedStates = interpreted.align(null, null, rejected -> {});
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0,
            -0.0, 1, -2.5, Double.MIN_VALUE, Double.MAX_VALUE};
        double[] fields = new double[BarField.values().length];
        for (double a : special) {
            for (double b : special) {
                for (double c : special) {
                    fields[BarField.OPEN.ordinal()] = a;
                    fields[BarField.HIGH.ordinal()] = b;
                    fields[BarField.LOW.ordinal()] = c;
                    double[] expected = interpreted.values(fields, interpretedStates);
                    assertThat(generated.values(fields, generatedStates))
                            .as("open %s, high %s, low %s", a, b, c).isEqualTo(expected);
                }
            }
        }
        assertThat(generated.generated()).isTrue();
    }

    @Test
    void literalsReadBackAsTheSameDouble() {
        for (double x : new double[] {-0.0, 0.1, 1e-12, Double.MIN_VALUE, -Double.MAX_VALUE,
            Math.PI, 1.0 / 3}) {
            String literal = NodeLoopGenerator.literal(x);
            assertThat(Double.doubleToRawLongBits(Double.parseDouble(
                    literal.substring(1, literal.length() - 1))))
                    .as(literal).isEqualTo(Double.doubleToRawLongBits(x));
        }
        assertThat(NodeLoopGenerator.literal(Double.NaN)).isEqualTo("Double.NaN");
        assertThat(NodeLoopGenerator.literal(Double.NEGATIVE_INFINITY))
                .isEqualTo("Double.NEGATIVE_INFINITY");
    }

    @Test
    void withoutJaninoOnTheClassPathTheNodesAreInterpretedAtTheSameValues() throws Exception {
        String path = System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            urls.add(new File(entry).toURI().toURL());
        }
        // the class path of this test without Janino (flink-table-runtime's org.codehaus)
        try (URLClassLoader withoutJanino = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve)
                    throws ClassNotFoundException {
                if (name.startsWith("org.codehaus.")) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        }) {
            Method run = withoutJanino.loadClass(NodeLoopGeneratorTest.class.getName())
                    .getDeclaredMethod("sma3OfTenBars");
            run.setAccessible(true);
            double[] interpreted = (double[]) run.invoke(null);
            assertThat(interpreted[1]).as("generated").isZero();
            assertThat(sma3OfTenBars()).containsExactly(interpreted[0], 1);
            assertThat(interpreted[0]).isEqualTo((108 + 109 + 110) / 3.0 / 110);
        }
    }

    /** {@code Mean($close, 3) / $close} at the tenth of closes 101 … 110, and 1 if generated. */
    static double[] sma3OfTenBars() {
        FactorProgram program = FactorProgram.compile(
                List.of(new FactorProgram.Definition("f", "Mean($close, 3) / $close")));
        double[][] states = program.align(null, null, rejected -> {});
        double[] fields = new double[BarField.values().length];
        double value = Double.NaN;
        for (int t = 1; t <= 10; t++) {
            fields[BarField.CLOSE.ordinal()] = 100 + t;
            value = program.values(fields, states)[program.output(0)];
        }
        return new double[] {value, program.generated() ? 1 : 0};
    }
}
