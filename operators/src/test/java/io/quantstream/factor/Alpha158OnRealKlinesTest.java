package io.quantstream.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantstream.factor.expr.FactorProgram;
import io.quantstream.model.Kline;
import io.quantstream.testing.RealKlines;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code alpha158} set on the official LTCUSDT 1m klines of 2026-02 (the first 300
 * minutes): qlib's names in qlib's order, the warm-up of the longest window, and a sample of
 * factors at one bar against arithmetic written out here on the CSV's numbers.
 */
class Alpha158OnRealKlinesTest {

    private static final int BARS = 300;
    /** The bar checked: every window of 60 is full. */
    private static final int T = 250;

    private static List<Kline> klines;
    private static double[] open;
    private static double[] high;
    private static double[] low;
    private static double[] close;
    private static double[] volume;
    private static double[] quoteVolume;
    private static FactorSet set;
    private static double[][] values;

    @BeforeAll
    static void run() throws IOException {
        klines = RealKlines.february2026("LTCUSDT").subList(0, BARS);
        open = column(k -> k.open);
        high = column(k -> k.high);
        low = column(k -> k.low);
        close = column(k -> k.close);
        volume = column(k -> k.volume);
        quoteVolume = column(k -> k.quoteVolume);
        set = FactorSet.parse("alpha158");
        FactorProgram program = set.program();
        double[][] states = program.align(null, null, rejected -> {});
        values = new double[BARS][];
        for (int t = 0; t < BARS; t++) {
            values[t] = program.evaluate(klines.get(t), states);
        }
    }

    @Test
    void namesAreQlibsInQlibsOrder() {
        List<String> expected = new ArrayList<>(List.of("KMID", "KLEN", "KMID2", "KUP", "KUP2",
                "KLOW", "KLOW2", "KSFT", "KSFT2", "OPEN0", "HIGH0", "LOW0", "VWAP0"));
        for (String group : new String[] {"ROC", "MA", "STD", "BETA", "RSQR", "RESI", "MAX",
            "MIN", "QTLU", "QTLD", "RANK", "RSV", "IMAX", "IMIN", "IMXD", "CORR", "CORD", "CNTP",
            "CNTN", "CNTD", "SUMP", "SUMN", "SUMD", "VMA", "VSTD", "WVMA", "VSUMP", "VSUMN",
            "VSUMD"}) {
            for (int d : new int[] {5, 10, 20, 30, 60}) {
                expected.add(group + d);
            }
        }
        assertThat(set.names()).containsExactlyElementsOf(expected).hasSize(158);
    }

    @Test
    void eachFactorIsNaNUntilItsWindowIsFullThenANumber() {
        // CORD60 = Corr(close / Ref(close, 1), …, 60): 1 + 60 bars
        assertThat(value(59, "CORD60")).isNaN();
        assertThat(value(60, "CORD60")).isFinite();
        assertThat(value(3, "MA5")).isNaN();
        assertThat(value(4, "MA5")).isFinite();
        assertThat(value(0, "KMID")).isFinite();
        for (int f = 0; f < set.size(); f++) {
            assertThat(values[T][f]).as(set.names()[f]).isFinite();
        }
    }

    @Test
    void kBarAndPriceFeatures() {
        int t = T;
        assertThat(value(t, "KMID")).isCloseTo((close[t] - open[t]) / open[t], within(1e-15));
        assertThat(value(t, "KLEN")).isCloseTo((high[t] - low[t]) / open[t], within(1e-15));
        assertThat(value(t, "KUP2")).isCloseTo((high[t] - Math.max(open[t], close[t]))
                / (high[t] - low[t] + 1e-12), within(1e-12));
        assertThat(value(t, "KSFT")).isCloseTo((2 * close[t] - high[t] - low[t]) / open[t],
                within(1e-15));
        assertThat(value(t, "VWAP0")).isCloseTo(quoteVolume[t] / volume[t] / close[t],
                within(1e-15));
    }

    @Test
    void rollingFeaturesAgainstArithmeticOnTheWindow() {
        int t = T;
        assertRelative("ROC5", close[t - 5] / close[t]);
        double sum = 0;
        for (int i = t - 4; i <= t; i++) {
            sum += close[i];
        }
        double mean = sum / 5;
        assertRelative("MA5", mean / close[t]);
        double squares = 0;
        for (int i = t - 4; i <= t; i++) {
            squares += (close[i] - mean) * (close[i] - mean);
        }
        assertRelative("STD5", Math.sqrt(squares / 4) / close[t]);

        double max = Double.NEGATIVE_INFINITY;
        int argmax = 0;
        for (int i = t - 9; i <= t; i++) {
            if (high[i] > max) {
                max = high[i];
                argmax = i - (t - 9) + 1;
            }
        }
        assertRelative("MAX10", max / close[t]);
        assertRelative("IMAX10", argmax / 10.0);

        int up = 0;
        double gains = 0;
        double moves = 0;
        for (int i = t - 19; i <= t; i++) {
            up += close[i] > close[i - 1] ? 1 : 0;
            gains += Math.max(close[i] - close[i - 1], 0);
            moves += Math.abs(close[i] - close[i - 1]);
        }
        assertRelative("CNTP20", up / 20.0);
        assertRelative("SUMP20", gains / (moves + 1e-12));

        // Pearson correlation of close and log(volume + 1) over 30 bars
        double mx = 0;
        double my = 0;
        for (int i = t - 29; i <= t; i++) {
            mx += close[i] / 30;
            my += Math.log(volume[i] + 1) / 30;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = t - 29; i <= t; i++) {
            double dx = close[i] - mx;
            double dy = Math.log(volume[i] + 1) - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        assertRelative("CORR30", sxy / Math.sqrt(sxx * syy));

        // least squares of the last 60 closes on 1..60
        double xm = 30.5;
        double ym = 0;
        for (int i = t - 59; i <= t; i++) {
            ym += close[i] / 60;
        }
        double cxy = 0;
        double cxx = 0;
        for (int i = t - 59; i <= t; i++) {
            double x = i - (t - 59) + 1;
            cxy += (x - xm) * (close[i] - ym);
            cxx += (x - xm) * (x - xm);
        }
        double slope = cxy / cxx;
        assertRelative("BETA60", slope / close[t]);
        assertThat(value(t, "RESI60")).isCloseTo((close[t] - (ym + slope * (60 - xm))) / close[t],
                within(1e-12));

        double volumes = 0;
        for (int i = t - 9; i <= t; i++) {
            volumes += volume[i];
        }
        assertRelative("VMA10", volumes / 10 / (volume[t] + 1e-12));
    }

    private static void assertRelative(String factor, double expected) {
        assertThat(value(T, factor)).as(factor)
                .isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
    }

    private static double value(int t, String name) {
        return values[t][List.of(set.names()).indexOf(name)];
    }

    private interface Field {
        BigDecimal of(Kline k);
    }

    private static double[] column(Field field) {
        double[] column = new double[klines.size()];
        for (int i = 0; i < column.length; i++) {
            column[i] = field.of(klines.get(i)).doubleValue();
        }
        return column;
    }
}
