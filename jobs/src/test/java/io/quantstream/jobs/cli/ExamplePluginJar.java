package io.quantstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The example plug-in ({@code examples/plugin}) as a jar of its compiled classes and service
 * files, for the tests that run before the module's own jar is packaged; its classes are not on
 * this module's class path, so a command finds them only in the jar.
 */
final class ExamplePluginJar {

    private static final Path CLASSES = Paths.get("../examples/plugin/target/classes");

    private ExamplePluginJar() {}

    /** Writes the jar to {@code file} and returns it. */
    static Path write(Path file) throws IOException {
        assertThat(CLASSES.resolve("META-INF/services")).as("build examples/plugin first"
                + " (./mvnw -pl examples/plugin compile)").isDirectory();
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(CLASSES)) {
            entries = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(file);
                JarOutputStream jar = new JarOutputStream(out)) {
            for (Path entry : entries) {
                jar.putNextEntry(new JarEntry(CLASSES.relativize(entry).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(entry));
                jar.closeEntry();
            }
        }
        return file;
    }
}
