package io.quantstream.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Deep copies of records by their Flink serializer: an operator that keeps or changes its input
 * records gets fresh ones in every invocation, made outside the measured time.
 */
public final class Copies {

    private Copies() {}

    public static <T> List<T> of(List<T> records, Class<T> type) {
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        List<T> copies = new ArrayList<>(records.size());
        for (T record : records) {
            copies.add(serializer.copy(record));
        }
        return copies;
    }
}
