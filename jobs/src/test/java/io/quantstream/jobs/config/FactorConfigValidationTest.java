package io.quantstream.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.factor.FactorSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code factors} setting: the YAML forms that name expressions, and each mistake in an
 * expression refused before a job starts, with the factor's name and the column.
 */
class FactorConfigValidationTest {

    @TempDir Path dir;

    private JobConfig load(String yaml, String... overrides) throws IOException {
        Path file = Files.writeString(dir.resolve("job.yaml"), yaml);
        return ConfigLoader.load(file, List.of(overrides));
    }

    @Test
    void aMapAListAndOneLineNameTheSameFactors() throws IOException {
        JobConfig map = load("""
                factors:
                  MOM24: $close / Ref($close, 24) - 1
                  VOLZ: Std(Log($close / Ref($close, 1)), 24) / Mean($volume, 24)
                """);
        JobConfig list = load("""
                factors:
                  - rsi(14)
                  - alpha158
                  - MOM24: $close / Ref($close, 24) - 1
                  - UP: "($close > Ref($close, 1)) & ($volume > 0)"
                """);
        JobConfig line = load("factors: rsi(14),MOM24=$close/Ref($close,24)-1\n",
                "--factors", "rsi(14),MOMZ=Ref($close, 24) / Std($close, 24)");

        assertThat(map.factors).isEqualTo("MOM24=$close / Ref($close, 24) - 1,"
                + "VOLZ=Std(Log($close / Ref($close, 1)), 24) / Mean($volume, 24)");
        assertThat(FactorSet.parse(list.factors).names()).startsWith("rsi_14", "KMID")
                .endsWith("VSUMD60", "MOM24", "UP").hasSize(161);
        assertThat(line.factors).isEqualTo("rsi(14),MOMZ=Ref($close, 24) / Std($close, 24)");
        assertThat(ConfigValidator.problems(withWeight(map, "MOM24"), null)).isEmpty();
    }

    @Test
    void eachMistakeInAnExpressionNamesItsFactorAndColumn() {
        JobConfig config = new JobConfig();
        config.factors = "MOM=$close / Ref($clse, 24),"
                + " MA=Maen($close, 5),"
                + " STD=Std($close),"
                + " A=B + 1, B=Mean(A, 5),"
                + " LONG=Mean($close, 200000),"
                + " Z=MOM2 / 2";

        assertThat(ConfigValidator.problems(config, null)).containsExactly(
                "factors: factor 'MOM': unknown field '$clse'; did you mean $close? (fields:"
                        + " $open, $high, $low, $close, $volume, $quote_volume, $count,"
                        + " $taker_buy_volume, $taker_buy_quote_volume, $vwap,"
                        + " $dollar_volume, $buy_volume, $sell_volume, $buy_dollar_volume, $sell_dollar_volume,"
                        + " $buy_count, $sell_count, $size1_count, $size2_count, $size3_count, $size4_count,"
                        + " $size1_volume, $size2_volume, $size3_volume, $size4_volume) at column 14 in"
                        + " '$close / Ref($clse, 24)'",
                "factors: factor 'MA': unknown operator 'Maen'; did you mean Mean? (operators: "
                        + "Abs, Sign, Log, Not, Add, Sub, Mul, Div, Power, Greater, Less, Gt, Ge,"
                        + " Lt, Le, Eq, Ne, And, Or, If, Ref, Delta, Mean, Sum, Std, Var, Skew,"
                        + " Kurt, Max, Min, IdxMax, IdxMin, Quantile, Med, Mad, Rank, Count, Slope,"
                        + " Rsquare, Resi, WMA, EMA, TaEma, Wilder, Corr, Cov, CumSum) at column 1 in"
                        + " 'Maen($close, 5)'",
                "factors: factor 'STD': Std takes 2 arguments, Std(series, n), got 1 at column 1"
                        + " in 'Std($close)'",
                "factors: factor 'LONG': Mean: window 200000 is out of range 1..100000 bars at"
                        + " column 14 in 'Mean($close, 200000)'",
                "factors: factor 'B': cycle between factors: A → B → A at column 6 in"
                        + " 'Mean(A, 5)'",
                "factors: factor 'A': factor 'B' has errors, at column 1 in 'B + 1'",
                "factors: factor 'Z': unknown factor 'MOM2'; did you mean MOM? at column 1 in"
                        + " 'MOM2 / 2'");
    }

    @Test
    void aWeightOnAnExpressionThatIsNotDefinedIsRefused() throws IOException {
        JobConfig config = withWeight(load("factors: {MOM24: '$close / Ref($close, 24) - 1'}\n"),
                "MOM12");

        assertThat(ConfigValidator.problems(config, null)).containsExactly(
                "crossSection.weights: factor 'MOM12' is not computed; factors: MOM24");
    }

    @Test
    void anExpressionThatIsNotTextIsABadConfig() {
        assertThatThrownBy(() -> load("factors:\n  MOM: {Ref: 5}\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("factors.MOM: an expression is text, e.g. MOM: Mean($close,"
                        + " 5) / $close; got {\"Ref\":5}");
    }

    private static JobConfig withWeight(JobConfig config, String factor) {
        config.universe = new JobConfig.Universe();
        config.universe.name = "test";
        config.universe.symbols = List.of("usdm:AAAUSDT", "usdm:BBBUSDT");
        config.crossSection = new JobConfig.CrossSectionConfig();
        config.crossSection.interval = "1h";
        config.crossSection.weights = Map.of(factor, -1.0);
        config.klines.intervals = List.of("1m", "1h");
        config.factorIntervals = List.of("1h");
        return config;
    }
}
