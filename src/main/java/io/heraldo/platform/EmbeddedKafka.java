package io.heraldo.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.jboss.logging.Logger;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A single-node KRaft broker running inside the Heraldo process, its log in a directory that survives restarts.
 * It is what makes {@code java -jar} work with nothing installed; production points at a real cluster.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedKafka.class);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final String saslBootstrapServers;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, String saslBootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.saslBootstrapServers = saslBootstrapServers;
    }

    /**
     * Starts the broker. The directory is formatted only the first time; later starts keep its topics and offsets.
     *
     * @param logDir where the broker keeps its log
     * @param port the client port, 0 for any free port
     * @param partitions partitions of topics created automatically
     */
    public static EmbeddedKafka start(Path logDir, int port, int partitions) {
        return start(logDir, port, partitions, Map.of());
    }

    /**
     * Starts the broker with a second listener, {@code SASL_PLAINTEXT} with the {@code PLAIN} mechanism, when
     * {@code plainUsers} (name → password) is not empty: a broker that, like a managed cluster, lets in only the
     * clients that authenticate. The first listener stays {@code PLAINTEXT} (the broker's own and a test's admin).
     */
    public static EmbeddedKafka start(Path logDir, int port, int partitions, Map<String, String> plainUsers) {
        long started = System.currentTimeMillis();
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the embedded Kafka directory " + logDir, e);
        }
        int brokerPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        Properties props = new Properties();
        props.put("node.id", "1");
        props.put("process.roles", "broker,controller");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        String listeners = "PLAINTEXT://localhost:" + brokerPort;
        String protocols = "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT";
        String saslBootstrap = null;
        if (!plainUsers.isEmpty()) {
            saslBootstrap = "localhost:" + freePort();
            listeners += ",SASL_PLAINTEXT://" + saslBootstrap;
            protocols += ",SASL_PLAINTEXT:SASL_PLAINTEXT";
            props.put("sasl.enabled.mechanisms", "PLAIN");
            props.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", plainJaas(plainUsers));
        }
        props.put("listeners", listeners + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", listeners);
        props.put("listener.security.protocol.map", protocols);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("num.partitions", Integer.toString(partitions));
        props.put("default.replication.factor", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        props.put("controlled.shutdown.enable", "false");
        props.put("log.cleaner.dedupe.buffer.size", "2097152");
        // After a restart the controller waits for the previous broker session to expire; keep that short.
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("broker.session.timeout.ms", "1500");

        KafkaConfig config = KafkaConfig.fromProps(props, false);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(config, logDir);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        String bootstrap = "localhost:" + brokerPort;
        LOG.infof("Embedded Kafka broker started in %d ms on %s%s (data in %s)",
                System.currentTimeMillis() - started, bootstrap, saslBootstrap == null ? "" : " and " + saslBootstrap
                        + " (SASL_PLAINTEXT)", logDir.toAbsolutePath());
        return new EmbeddedKafka(server, bootstrap, saslBootstrap);
    }

    /** The broker side of PLAIN: one {@code user_<name>="<password>"} option per user. */
    static String plainJaas(Map<String, String> users) {
        return users.entrySet().stream()
                .map(user -> "user_" + user.getKey() + "=\"" + user.getValue() + "\"")
                .collect(Collectors.joining(" ", "org.apache.kafka.common.security.plain.PlainLoginModule required ",
                        ";"));
    }

    /** The first start only: later starts must keep the cluster id the directory was formatted with. */
    private static void format(KafkaConfig config, Path logDir) {
        Formatter formatter = new Formatter()
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(config.nodeId())
                .setIgnoreFormatted(false)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(config.metadataLogDir())
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()));
        config.logDirs().forEach(formatter::addDirectory);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the embedded Kafka directory " + logDir + ": " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The {@code SASL_PLAINTEXT} listener, when the broker was started with users. */
    public Optional<String> saslBootstrapServers() {
        return Optional.ofNullable(saslBootstrapServers);
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
