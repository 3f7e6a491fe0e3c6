package io.quantstream.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.Market;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Records with every serialized field set to a random value, found by reflection (public or not,
 * nested records and arrays included), and a field-by-field comparison of two of them: a
 * serializer test built on them fails for a field added to a record and not to its serializer.
 * Decimals compare with their scale ({@code 1.50} is not {@code 1.5}); they have up to 30 digits,
 * so both the one-long and the bytes form are used.
 */
public final class RandomRecords {

    private final Random random;

    public RandomRecords(long seed) {
        random = new Random(seed);
    }

    /** A {@code type} with every non-static, non-transient field set, recursively. */
    public <T> T of(Class<T> type) {
        try {
            T record = type.getDeclaredConstructor().newInstance();
            for (Field f : fields(type)) {
                f.set(record, value(f.getType()));
            }
            return record;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " is not a record class with public fields", e);
        }
    }

    private Object value(Class<?> t) {
        if (t == long.class) {
            return random.nextLong();
        } else if (t == double.class) {
            return random.nextInt(10) == 0 ? Double.NaN : random.nextGaussian() * 1e4;
        } else if (t == int.class) {
            return random.nextInt();
        } else if (t == boolean.class) {
            return random.nextBoolean();
        } else if (t == String.class) {
            return "S" + Integer.toString(random.nextInt(1 << 30), 36).toUpperCase();
        } else if (t == Market.class) {
            return Market.values()[random.nextInt(Market.values().length)];
        } else if (t == BigDecimal.class) {
            return decimal();
        } else if (t.isArray()) {
            Object array = Array.newInstance(t.getComponentType(), 1 + random.nextInt(5));
            for (int i = 0; i < Array.getLength(array); i++) {
                Array.set(array, i, value(t.getComponentType()));
            }
            return array;
        }
        return of(t);
    }

    private BigDecimal decimal() {
        BigInteger unscaled = new BigInteger(1 + random.nextInt(100), random);
        return new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), random.nextInt(20) - 2);
    }

    /**
     * {@code record} written by {@code serializer} and read back, every byte of it, and its copy
     * by {@code serializer}: both asserted field by field against {@code record}.
     */
    public static <T> T assertRoundTrip(TypeSerializer<T> serializer, T record) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(record, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T back = serializer.deserialize(in);
        assertThat(in.available()).as("bytes left after the record").isZero();
        assertSameFields(back, record);
        assertSameFields(serializer.copy(record), record);
        return back;
    }

    /** Asserts that every serialized field of {@code actual} equals {@code expected}'s, recursively. */
    public static void assertSameFields(Object actual, Object expected) {
        assertSameFields(actual, expected, expected.getClass().getSimpleName());
    }

    private static void assertSameFields(Object actual, Object expected, String path) {
        if (expected == null || actual == null) {
            assertThat(actual).as(path).isEqualTo(expected);
            return;
        }
        Class<?> t = expected.getClass();
        if (t.isArray()) {
            assertThat(Array.getLength(actual)).as(path + ".length").isEqualTo(Array.getLength(expected));
            for (int i = 0; i < Array.getLength(expected); i++) {
                assertSameFields(Array.get(actual, i), Array.get(expected, i), path + "[" + i + "]");
            }
        } else if (t.getName().startsWith("java.") || t.isEnum()) {
            assertThat(actual).as(path).isEqualTo(expected); // BigDecimal.equals: value and scale
        } else {
            assertThat(actual).as(path).isInstanceOf(t);
            try {
                for (Field f : fields(t)) {
                    assertSameFields(f.get(actual), f.get(expected), path + "." + f.getName());
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Field[] fields(Class<?> type) {
        return java.util.Arrays.stream(type.getDeclaredFields())
                .filter(f -> (f.getModifiers() & (Modifier.STATIC | Modifier.TRANSIENT)) == 0)
                .peek(f -> f.setAccessible(true))
                .toArray(Field[]::new);
    }
}
