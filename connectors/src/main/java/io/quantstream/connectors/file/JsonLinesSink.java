package io.quantstream.connectors.file;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes records as JSON lines (one JSON object per line, the record's public fields, decimals
 * plain, {@code NaN} as the string {@code "NaN"}) to {@code <dir>/<name>.jsonl}, or to
 * {@code <dir>/<name>-<subtask>.jsonl} when the sink runs with parallelism above 1.
 *
 * <pre>{@code targets.sinkTo(new JsonLinesSink<>("out", "target-positions")).setParallelism(1);}</pre>
 *
 * <p>Files of this run replace files of an earlier run; flushed on every checkpoint and at the end
 * of input (at-least-once). Files are on the local disk of the task manager.
 */
public class JsonLinesSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final String directory;
    private final String name;

    /**
     * @param directory output folder, created if missing
     * @param name file name without extension, e.g. {@code dead-letters}
     */
    public JsonLinesSink(String directory, String name) {
        this.directory = directory;
        this.name = name;
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
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        Path dir = Paths.get(directory);
        Files.createDirectories(dir);
        int parallelism = context.getTaskInfo().getNumberOfParallelSubtasks();
        String file = parallelism == 1
                ? name + ".jsonl"
                : name + "-" + context.getTaskInfo().getIndexOfThisSubtask() + ".jsonl";
        return new Writer<>(Files.newBufferedWriter(dir.resolve(file), StandardCharsets.UTF_8));
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final ObjectMapper mapper = mapper();
        private final BufferedWriter out;

        Writer(BufferedWriter out) {
            this.out = out;
        }

        @Override
        public void write(T element, Context context) throws IOException {
            out.write(mapper.writeValueAsString(element));
            out.newLine();
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
