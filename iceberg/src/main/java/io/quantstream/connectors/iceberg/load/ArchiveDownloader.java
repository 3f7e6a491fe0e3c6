package io.quantstream.connectors.iceberg.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Downloads archive files of an {@link ArchiveRequest} with their {@code .CHECKSUM}s from a base
 * URL in the public archive's layout (e.g. {@code https://data.binance.vision/data}) into a local
 * folder with the same layout, so the loader reads market, kind and symbol from the folders and
 * verifies each file against its checksum.
 *
 * <pre>{@code
 * ArchiveDownloader.Result r = new ArchiveDownloader(URI.create(base), Path.of(".quantstream/downloads"), System.out)
 *         .download(request);
 * loader.load(ArchiveFiles.discover(r.files(), null).files());
 * }</pre>
 *
 * <p>A file already downloaded whose SHA-256 matches its fresh {@code .CHECKSUM} is not fetched
 * again. A file the server does not have (404: the symbol was not listed that day) is reported
 * in {@link Result#missing}; a file arrives under a temporary name and is renamed when complete,
 * so an interrupted download never looks like a file.
 */
public final class ArchiveDownloader {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final Path folder;
    private final PrintStream log;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    /**
     * @param base base URL; the request's paths are resolved below it
     * @param folder where files go, in the archive's layout
     * @param log one line per file fetched or missing
     */
    public ArchiveDownloader(URI base, Path folder, PrintStream log) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.folder = folder;
        this.log = log;
    }

    /**
     * @param files local paths of the files downloaded or already there, in request order
     * @param missing URLs the server answered 404 for
     */
    public record Result(List<Path> files, List<String> missing) {}

    /**
     * @throws IOException when the server cannot be reached, answers other than 200 or 404, or a
     *     file cannot be written
     */
    public Result download(ArchiveRequest request) throws IOException, InterruptedException {
        List<Path> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String path : request.paths()) {
            URI url = base.resolve(path);
            Path local = folder.resolve(path);
            Files.createDirectories(local.getParent());
            Path sidecar = Checksums.sidecar(local);
            boolean hasChecksum = fetch(URI.create(url + ".CHECKSUM"), sidecar);
            if (hasChecksum && Files.exists(local) && Checksums.expected(sidecar).equals(Checksums.sha256(local))) {
                files.add(local);
                continue;
            }
            if (!hasChecksum) {
                Files.deleteIfExists(sidecar);
            }
            if (fetch(url, local)) {
                log.println("downloaded " + url + (hasChecksum ? "" : " (no .CHECKSUM)"));
                files.add(local);
            } else {
                log.println("not in the archive (404): " + url);
                missing.add(url.toString());
            }
        }
        return new Result(files, missing);
    }

    /** GETs {@code url} into {@code target}; false on 404. */
    private boolean fetch(URI url, Path target) throws IOException, InterruptedException {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        HttpResponse<Path> response;
        try {
            response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(partial));
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw new IOException("cannot download " + url + ": " + e, e);
        }
        if (response.statusCode() == 404) {
            Files.deleteIfExists(partial);
            return false;
        }
        if (response.statusCode() != 200) {
            Files.deleteIfExists(partial);
            throw new IOException("cannot download " + url + ": HTTP " + response.statusCode());
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }
}
