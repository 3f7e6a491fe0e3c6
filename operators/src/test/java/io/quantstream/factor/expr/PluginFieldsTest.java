package io.quantstream.factor.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.factor.expr.FactorProgram.Definition;
import io.quantstream.factor.spi.Bar;
import io.quantstream.factor.spi.FactorState;
import io.quantstream.factor.spi.IncrementalFactor;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The bar fields a program converts per kline with plug-ins in it: a plug-in's declared
 * {@link IncrementalFactor#fields()} and the expressions' fields, no more; every field for a
 * plug-in that keeps the default.
 */
class PluginFieldsTest {

    @Test
    void aPluginThatDeclaresItsFieldsAddsOnlyThoseToTheExpressionsFields() {
        FactorProgram p = FactorProgram.compile(List.of(
                new Definition("LAST", "last(high)", new Last(EnumSet.of(BarField.HIGH))),
                new Definition("RANGE", "$high - $low")));
        assertThat(p.fieldsRead()).containsExactlyInAnyOrder(BarField.HIGH, BarField.LOW);
    }

    @Test
    void aPluginWithTheDefaultReadsEveryField() {
        FactorProgram p = FactorProgram.compile(List.of(
                new Definition("LAST", "last()", new Last(null)), new Definition("C", "$close")));
        assertThat(p.fieldsRead()).containsExactlyInAnyOrder(BarField.values());
    }

    /** The last value of its one field (or the close with the default fields). */
    private record Last(Set<BarField> declared) implements IncrementalFactor {
        @Override
        public long warmUp() {
            return 1;
        }

        @Override
        public int stateSize() {
            return 0;
        }

        @Override
        public Set<BarField> fields() {
            return declared == null ? IncrementalFactor.super.fields() : declared;
        }

        @Override
        public double update(Bar bar, FactorState state) {
            return declared == null ? bar.close() : bar.get(declared.iterator().next());
        }
    }
}
