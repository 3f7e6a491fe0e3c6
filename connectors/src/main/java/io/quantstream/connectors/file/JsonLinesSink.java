package io.quantstream.connectors.file;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;

/**
 * Writes records as JSON lines (one JSON object per line, the record's public fields, decimals
 * plain, {@code NaN} as the string {@code "NaN"}) to {@code <dir>/<name>.jsonl}, exactly once
 * across restarts.
 *
 * <pre>{@code targets.sinkTo(new JsonLinesSink<>("out", "target-positions")).setParallelism(1);
 * env.execute();
 * PartFiles.assemble(Paths.get("out"));   // out/target-positions.jsonl}</pre>
 *
 * <p>While the job runs, the lines are in part files {@code out/parts/<name>.jsonl/part-S-N.jsonl},
 * committed at every completed checkpoint ({@link PartFileSink}); {@link PartFiles#assemble}
 * concatenates them into {@code out/<name>.jsonl} when the job has ended, in the order they were
 * written (at parallelism above 1: subtask 0's lines, then subtask 1's, ...). The file exists,
 * empty, when no record came. A fresh run replaces the parts of an earlier run. Files are on the
 * local disk of the task manager.
 */
public class JsonLinesSink<T> extends PartFileSink<T> {

    private static final long serialVersionUID = 1L;

    private final String file;
    private transient ObjectMapper mapper;

    /**
     * @param directory output folder, created if missing
     * @param name file name without extension, e.g. {@code dead-letters}
     */
    public JsonLinesSink(String directory, String name) {
        super(directory);
        this.file = name + ".jsonl";
    }

    /** The mapper used for every line: public fields only, plain decimals. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    @Override
    String file(T element) {
        return file;
    }

    @Override
    String line(T element) throws IOException {
        if (mapper == null) {
            mapper = mapper();
        }
        return mapper.writeValueAsString(element);
    }

    @Override
    boolean owns(String name) {
        return file.equals(name);
    }

    @Override
    List<String> alwaysPresent() {
        return List.of(file);
    }
}
