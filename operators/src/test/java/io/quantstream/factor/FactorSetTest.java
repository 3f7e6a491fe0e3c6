package io.quantstream.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.factor.expr.FactorProgram.Definition;
import io.quantstream.factor.expr.InvalidFactorsException;
import org.junit.jupiter.api.Test;

class FactorSetTest {

    @Test
    void parsesBuiltinNamesAndParameters() {
        FactorSet set = FactorSet.parse(
                "ema(20), rsi(14),log_return(5),realized_vol(30),taker_buy_ratio,vwap_dev,SMA(3)");

        assertThat(set.names()).containsExactly("ema_20", "rsi_14", "log_return_5",
                "realized_vol_30", "taker_buy_ratio", "vwap_dev", "sma_3");
        assertThat(set.size()).isEqualTo(7);
        assertThat(set.definitions()).element(0)
                .isEqualTo(new Definition("ema_20", "TaEma($close, 20)"));
        assertThat(set.definitions()).element(3).isEqualTo(
                new Definition("realized_vol_30", "Std(Log($close / Ref($close, 1)), 30)"));
        assertThat(set).isEqualTo(FactorSet.parse(" EMA(20),rsi( 14 ),log_return(5),"
                + "realized_vol(30), taker_buy_ratio,vwap_dev,sma(3)"));
        assertThat(set).isNotEqualTo(FactorSet.parse("ema(20)"));
    }

    @Test
    void warmUpIsTheBarsBeforeAFactorIsReported() {
        FactorSet set = FactorSet.parse("ema(20),rsi(14),log_return(5),realized_vol(30),vwap_dev");

        assertThat(set.warmUp(0)).isEqualTo(20);
        assertThat(set.warmUp(1)).as("14 changes need 15 closes").isEqualTo(15);
        assertThat(set.warmUp(2)).isEqualTo(6);
        assertThat(set.warmUp(3)).isEqualTo(31);
        assertThat(set.warmUp(4)).isEqualTo(1);
    }

    @Test
    void namedExpressionsSetsAndBuiltinsMix() {
        FactorSet set = FactorSet.parse("rsi(14), MOM24 = $close/Ref($close, 24) - 1,"
                + " MOMZ=MOM24 / Std(MOM24, 48), alpha158, up=$close>=Ref($close,1)");

        assertThat(set.size()).isEqualTo(1 + 2 + 158 + 1);
        assertThat(set.names()).startsWith("rsi_14", "MOM24", "MOMZ", "KMID", "KLEN")
                .endsWith("VSUMD30", "VSUMD60", "up");
        assertThat(set.definitions().get(2)).isEqualTo(
                new Definition("MOMZ", "MOM24 / Std(MOM24, 48)"));
        assertThat(set.definitions().get(161)).as("'>=' is not a name's '='")
                .isEqualTo(new Definition("up", "$close>=Ref($close,1)"));
        assertThat(set.label()).isEqualTo("rsi_14, MOM24, MOMZ, KMID, KLEN, KMID2 … (162)");
    }

    @Test
    void rejectsUnknownFactorsAndBadParameters() {
        assertThatThrownBy(() -> FactorSet.parse("macd(12)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown factor 'macd(12)'")
                .hasMessageContaining("sets: alpha158, technical; plug-ins: none on the class path;"
                        + " or NAME=EXPRESSION");
        assertThatThrownBy(() -> FactorSet.parse("Mean($close, 5)"))
                .hasMessageEndingWith("give the expression a name, e.g. f1=Mean($close, 5))");
        assertThatThrownBy(() -> FactorSet.parse("ema"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a window");
        assertThatThrownBy(() -> FactorSet.parse("ema(x)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> FactorSet.parse("rsi(0)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> FactorSet.parse("realized_vol(1)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 2 and");
        assertThatThrownBy(() -> FactorSet.parse("sma(100001)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100000");
        assertThatThrownBy(() -> FactorSet.parse("vwap_dev(3)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no parameter");
        assertThatThrownBy(() -> FactorSet.parse("ema(3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed");
        assertThatThrownBy(() -> FactorSet.parse("ema(3),ema(3)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> FactorSet.parse("alpha158,MA5=Mean($close,5)"))
                .hasMessage("factor 'MA5' appears twice in the factor set");
        assertThatThrownBy(() -> FactorSet.parse(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> FactorSet.parse("ema(3),"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown factor ''");
        assertThatThrownBy(() -> FactorSet.parse("a=Mean($clse, 5), b=a+c"))
                .isInstanceOf(InvalidFactorsException.class)
                .hasMessage("factor 'a': unknown field '$clse'; did you mean $close? (fields:"
                        + " $open, $high, $low, $close, $volume, $quote_volume, $count,"
                        + " $taker_buy_volume, $taker_buy_quote_volume, $vwap,"
                        + " $dollar_volume, $buy_volume, $sell_volume, $buy_dollar_volume, $sell_dollar_volume,"
                        + " $buy_count, $sell_count, $size1_count, $size2_count, $size3_count, $size4_count,"
                        + " $size1_volume, $size2_volume, $size3_volume, $size4_volume) at column 6 in"
                        + " 'Mean($clse, 5)'; factor 'b': factor 'a' has errors, at column 1 in"
                        + " 'a+c'");
    }
}
