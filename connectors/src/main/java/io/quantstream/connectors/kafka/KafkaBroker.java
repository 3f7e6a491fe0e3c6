package io.quantstream.connectors.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Apache Kafka 4 broker in KRaft mode (broker and controller in this JVM), listening
 * on localhost only, for tests and local runs ({@code bin/quantstream kafka start}).
 *
 * <pre>{@code
 * try (KafkaBroker broker = KafkaBroker.start(Path.of(".quantstream/kafka/data"), 9092, 9093)) {
 *     String bootstrap = broker.bootstrapServers();   // "localhost:9092"
 * }}</pre>
 *
 * <p>With one node, every replication factor and {@code transaction.state.log.min.isr} are 1;
 * {@code transaction.max.timeout.ms} is {@value #TRANSACTION_MAX_TIMEOUT_MS} ms (1 h, the
 * {@code transaction.timeout.ms} Flink's {@code KafkaSink} builder sets; Kafka's default is 15
 * min). Topics are never created implicitly ({@code auto.create.topics.enable=false}): the project
 * creates them from configuration ({@link Topics}). The data folder is formatted on first use
 * and reused afterwards, so topics and committed offsets survive a restart. Records are kept
 * whatever their age ({@code log.retention.ms=-1}): their timestamps are event times, and history
 * replayed today is older than any time-based retention; a topic's own {@code retention.ms} applies.
 */
public final class KafkaBroker implements AutoCloseable {

    /** Broker-side cap on a producer's {@code transaction.timeout.ms}, ms. */
    public static final long TRANSACTION_MAX_TIMEOUT_MS = 3_600_000L;

    private static final String HOST = "localhost";

    private final KafkaRaftServer server;
    private final int port;
    private final int controllerPort;

    private KafkaBroker(KafkaRaftServer server, int port, int controllerPort) {
        this.server = server;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Formats {@code dataDir} if it is new and starts the broker; returns once the broker and its
     * controller have started (the first client request may still wait a moment for the broker
     * to be unfenced).
     *
     * @param dataDir folder for the broker's logs and metadata, created if missing
     * @param port client port on localhost; 0 = a free port
     * @param controllerPort KRaft controller port on localhost; 0 = a free port
     * @throws IllegalArgumentException if a port is in use
     * @throws IOException if the folder cannot be written or formatted
     */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort) throws IOException {
        int clientPort = port == 0 ? freePort() : requireFree(port, "port");
        int quorumPort = controllerPort == 0 ? freePort() : requireFree(controllerPort, "controller port");
        while (controllerPort == 0 && quorumPort == clientPort) {
            quorumPort = freePort();
        }
        if (clientPort == quorumPort) {
            throw new IllegalArgumentException("port and controller port are both " + clientPort);
        }
        Files.createDirectories(dataDir);
        Properties props = config(dataDir, clientPort, quorumPort);
        format(dataDir, props);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            throw e;
        }
        return new KafkaBroker(server, clientPort, quorumPort);
    }

    /** {@code localhost:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    /** Shuts the broker down and waits until it has (controlled shutdown, logs flushed). */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    /**
     * Whether a broker at {@code bootstrapServers} answers a metadata request within
     * {@code timeout} with at least one live (unfenced) broker.
     */
    public static boolean isReachable(String bootstrapServers, Duration timeout) {
        int millis = (int) Math.max(1, timeout.toMillis());
        if (!acceptsConnections(bootstrapServers, millis)) {
            return false; // the admin client would retry a refused connection until its timeout
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis))) {
            return !admin.describeCluster().nodes().get(millis, TimeUnit.MILLISECONDS).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            return false;
        }
    }

    private static boolean acceptsConnections(String bootstrapServers, int timeoutMillis) {
        for (String server : bootstrapServers.split(",")) {
            int colon = server.trim().lastIndexOf(':');
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(server.trim().substring(0, colon),
                        Integer.parseInt(server.trim().substring(colon + 1))), timeoutMillis);
                return true;
            } catch (IOException | RuntimeException e) {
                // try the next one
            }
        }
        return false;
    }

    /**
     * Waits until a broker at {@code bootstrapServers} is reachable ({@link #isReachable}).
     *
     * @throws IllegalStateException if it is not within {@code timeout}
     */
    public static void awaitReachable(String bootstrapServers, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isReachable(bootstrapServers, Duration.ofSeconds(2))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no Kafka broker answers at " + bootstrapServers
                        + " after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** The broker's configuration: one KRaft node that is broker and controller. */
    static Properties config(Path dataDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dataDir.resolve("logs").toAbsolutePath().toString());
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("transaction.max.timeout.ms", Long.toString(TRANSACTION_MAX_TIMEOUT_MS));
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // timestamps are event times: with the default 7 days, the first retention check (30 s
        // after start) deletes replayed history, e.g. trades of a 2024 capture
        p.setProperty("log.retention.ms", "-1");
        // a local broker on a small machine: few threads, a small compaction buffer (default 128 MB)
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("background.threads", "2");
        p.setProperty("num.recovery.threads.per.data.dir", "1");
        p.setProperty("log.cleaner.threads", "1");
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        return p;
    }

    /** Formats the log folder with a new cluster id, unless it is formatted already. */
    private static void format(Path dataDir, Properties props) throws IOException {
        Path file = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "written by quantstream KafkaBroker on every start");
        }
        if (Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
            return; // formatted by an earlier start: keep its cluster id, topics and offsets
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {
                "format", "--config", file.toString(), "--cluster-id", Uuid.randomUuid().toString()}, print);
        } catch (RuntimeException e) {
            throw new IOException("cannot format Kafka storage in " + dataDir + ": " + e.getMessage(), e);
        }
        if (status != 0) {
            throw new IOException("cannot format Kafka storage in " + dataDir + ": "
                    + output.toString(StandardCharsets.UTF_8).trim());
        }
    }

    /**
     * @return {@code port}, if nothing listens on it on localhost
     * @param what the port's name in the message, e.g. {@code port}
     * @throws IllegalArgumentException if it is in use
     */
    public static int requireFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return port;
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    what + " " + port + " on " + HOST + " is in use (another broker or program)", e);
        }
    }

    /** A port free right now on localhost; another program could take it before the broker binds it. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }
}
