package io.quantstream.jobs.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
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
 * {@code <io.tmp.dirs>/quantstream-rpc-<user>/flink-rpc-akka-<crc>.jar} (named after the CRC-32 of
 * the entry, so another Flink version gets a file of its own) and loaded as Flink loads it, by a
 * {@link SubmoduleClassLoader} (it brings its own Scala), once per JVM: {@code PekkoRpcSystem}
 * keeps no state between the clusters that use it. The folder is the user's own ({@code rwx------},
 * checked before a kept jar is used): classes are loaded from it, and a shared {@code /tmp} must
 * neither let another user put a jar there nor keep another user's copy out of reach. Where the
 * copy cannot be made or loaded (no such entry, a read-only folder, a folder owned by someone else
 * or open to others, a damaged file) Flink's loader runs instead.
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
            } catch (IOException | RuntimeException | ServiceConfigurationError e) {
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
        Path folder = ownFolder(Paths.get(ConfigurationUtils.parseTempDirectories(conf)[0],
                "quantstream-rpc-" + System.getProperty("user.name")));
        Path jar = folder.resolve(String.format("flink-rpc-akka-%08x.jar", entry.getCrc()));
        if (Files.isRegularFile(jar) && Files.size(jar) == entry.getSize()) {
            return jar;
        }
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

    /**
     * {@code folder}, created {@code rwx------} if missing.
     *
     * @throws IOException if it is not a directory of this user's that only this user can write,
     *     or the file system has no POSIX permissions to tell
     */
    private static Path ownFolder(Path folder) throws IOException {
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rwx------");
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder.getParent());
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(ownerOnly));
            } catch (FileAlreadyExistsException e) {
                // created by a concurrent start: checked below like any existing folder
            } catch (UnsupportedOperationException e) {
                throw new IOException("no POSIX permissions on " + folder, e);
            }
        }
        PosixFileAttributeView view = Files.getFileAttributeView(folder, PosixFileAttributeView.class);
        if (view == null) {
            throw new IOException("no POSIX permissions on " + folder);
        }
        PosixFileAttributes attributes = view.readAttributes();
        String user = System.getProperty("user.name");
        if (!attributes.isDirectory() || !attributes.owner().getName().equals(user)
                || !attributes.permissions().equals(ownerOnly)) {
            throw new IOException(folder + " is not " + user + "'s own folder (rwx------)");
        }
        return folder;
    }

    private static RpcSystem load(Path jar) throws IOException {
        SubmoduleClassLoader loader = new SubmoduleClassLoader(
                new URL[] {jar.toUri().toURL()}, RpcSystem.class.getClassLoader());
        return ServiceLoader.load(RpcSystem.class, loader).iterator().next();
    }
}
