package io.quantstream.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --json} of the benchmarks: the figures as one JSON document on standard output, the
 * progress on standard error, so that the output parses as it is.
 */
class JsonOutput {

    @Option(names = "--json", description = "Print the figures as one JSON document instead of tables.")
    boolean json;

    /** Where progress goes: {@code err} with {@code --json}, else {@code out}. */
    PrintWriter progress(PrintWriter out, PrintWriter err) {
        return json ? err : out;
    }

    /** Prints {@code result} as JSON when {@code --json}, else runs {@code tables}. */
    void print(PrintWriter out, Object result, Runnable tables) throws Exception {
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(result));
        } else {
            tables.run();
        }
        out.flush();
    }
}
