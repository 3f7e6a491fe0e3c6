package io.quantstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ExactValuesIOTest {

    /** The encoding composed by hand: tag 1, scale, the unscaled long; else tag 2 and bytes. */
    private static byte[] expected(BigDecimal value) {
        BigInteger unscaled = value.unscaledValue();
        if (unscaled.bitLength() < Long.SIZE) {
            return ByteBuffer.allocate(13).put((byte) 1).putInt(value.scale())
                    .putLong(unscaled.longValueExact()).array();
        }
        byte[] bytes = unscaled.toByteArray();
        return ByteBuffer.allocate(9 + bytes.length).put((byte) 2).putInt(value.scale())
                .putInt(bytes.length).put(bytes).array();
    }

    @Test
    void decimalsOfEveryPrecisionAreOneLongWhereTheyFitAndTheirBytesWhereNot() throws IOException {
        String[] values = {"0", "0.2500", "-0.2500", "1E+3", "-7E-12", "123456789012345678",
            "-123456789012345678", "0.999999999999999999", "9223372036854775807",
            "-9223372036854775808", "9223372036854775808", "1234567890123456789.5",
            "-99999999999999999999999", "1E-400"};
        for (String text : values) {
            BigDecimal value = new BigDecimal(text);
            DataOutputSerializer out = new DataOutputSerializer(64);
            ExactValuesIO.writeDecimal(value, out);
            assertThat(out.getCopyOfBuffer()).as(text).isEqualTo(expected(value));
            BigDecimal back = ExactValuesIO.readDecimal(new DataInputDeserializer(out.getCopyOfBuffer()));
            assertThat(back).as(text).isEqualTo(value); // equals: value and scale
        }
    }

    @Test
    void aSeriesOfDecimalsOfEveryLengthIsWrittenAsComposedByHand() throws IOException {
        BigInteger unscaled = BigInteger.ONE;
        for (int digits = 1; digits <= 25; digits++) {
            unscaled = unscaled.multiply(BigInteger.TEN).add(BigInteger.valueOf(digits % 10));
            for (BigInteger u : new BigInteger[] {unscaled, unscaled.negate()}) {
                BigDecimal value = new BigDecimal(u, digits % 7 - 2);
                DataOutputSerializer out = new DataOutputSerializer(64);
                ExactValuesIO.writeDecimal(value, out);
                assertThat(out.getCopyOfBuffer()).as(value.toString()).isEqualTo(expected(value));
            }
        }
    }
}
