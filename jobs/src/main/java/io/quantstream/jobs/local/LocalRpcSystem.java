package io.quantstream.jobs.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.core.classloading.SubmoduleClassLoader;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.util.Reference;

/**
 * Flink's Pekko RPC system for the embedded clusters of this JVM, loaded once from a copy of its
 * jar that is kept between runs.
 *
 * <p>Flink's own loader ({@code PekkoRpcSystemLoader}) copies the 21 MB {@code flink-rpc-akka.jar}
 * out of {@code flink-rpc-akka-loader} into {@code io.tmp.dirs} at every cluster start and deletes
 * it when the cluster closes (a killed run leaves it behind): about 0.1 CPU-s of a short
 * {@code klines} run. Here it is extracted once into
 * {@code <io.tmp.dirs>/quantstream-rpc/flink-rpc-akka-<crc>.jar} (named after the CRC-32 of the
 * entry, so another Flink version gets a file of its own) and loaded as Flink loads it, by a
 * {@link SubmoduleClassLoader} (it brings its own Scala), once per JVM: {@code PekkoRpcSystem}
 * keeps no state between the clusters that use it. Where the copy cannot be made (no such entry,
 * a read-only folder) Flink's loader runs instead.
 */
final class LocalRpcSystem {

    private static final String JAR = "flink-rpc-akka.jar";

    private static RpcSystem shared;

    private LocalRpcSystem() {}

    /** The RPC system, borrowed: it stays loaded for the next cluster of this JVM. */
    static synchronized Reference<RpcSystem> get(Configuration conf) {
        if (shared == null) {
            try {
                shared = load(extracted(conf));
            } catch (IOException | UncheckedIOException e) {
                return Reference.owned(RpcSystem.load(conf));
            }
        }
        return Reference.borrowed(shared);
    }

    /** The kept copy of Flink's RPC jar, extracted first when it is missing or incomplete. */
    static Path extracted(Configuration conf) throws IOException {
        URL resource = RpcSystem.class.getClassLoader().getResource(JAR);
        if (resource == null) {
            throw new IOException(JAR + " is not on the class path");
        }
        URLConnection connection = resource.openConnection();
        if (!(connection instanceof JarURLConnection)) {
            throw new IOException(JAR + " is not in a jar: " + resource);
        }
        JarEntry entry = ((JarURLConnection) connection).getJarEntry();
        Path folder = Paths.get(ConfigurationUtils.parseTempDirectories(conf)[0], "quantstream-rpc");
        Path jar = folder.resolve(String.format("flink-rpc-akka-%08x.jar", entry.getCrc()));
        if (Files.isRegularFile(jar) && Files.size(jar) == entry.getSize()) {
            return jar;
        }
        Files.createDirectories(folder);
        Path partial = Files.createTempFile(folder, "flink-rpc-akka-", ".part");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            // a concurrent start that extracted it too replaces the same bytes
            Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return jar;
    }

    private static RpcSystem load(Path jar) throws IOException {
        SubmoduleClassLoader loader = new SubmoduleClassLoader(
                new URL[] {jar.toUri().toURL()}, RpcSystem.class.getClassLoader());
        return ServiceLoader.load(RpcSystem.class, loader).iterator().next();
    }
}
