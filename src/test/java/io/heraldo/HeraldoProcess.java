package io.heraldo;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.heraldo.platform.EmbeddedDatabase;
import io.heraldo.platform.EmbeddedKafka;

/** The packaged jar ({@code target/quarkus-app/quarkus-run.jar}) run as its own process, as an operator runs it. */
public final class HeraldoProcess implements AutoCloseable {

    private static final int LOWEST_PORT = 20_000;
    private static final int PORTS = 12_000;
    /** Where this JVM's next port is looked for: a random start, so that JVMs running side by side rarely meet. */
    private static final AtomicInteger NEXT_PORT = new AtomicInteger(ThreadLocalRandom.current().nextInt(PORTS));

    private final Process process;
    private final Path log;
    private final int httpPort;
    private final int managementPort;

    private HeraldoProcess(Process process, Path log, int httpPort, int managementPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    /**
     * Starts the jar with these system properties; {@code quarkus.http.port} and {@code quarkus.management.port} are
     * chosen (free) when not given.
     */
    public static HeraldoProcess start(String name, Map<String, String> properties) {
        return start(name, List.of("-Xmx512m"), properties);
    }

    /** Starts the jar with these JVM options and system properties. */
    public static HeraldoProcess start(String name, List<String> jvmOptions, Map<String, String> properties) {
        return start(name, jvmOptions, properties, Map.of());
    }

    /** Starts the jar with these JVM options, system properties and environment variables (as a container gets). */
    public static HeraldoProcess start(String name, List<String> jvmOptions, Map<String, String> properties,
            Map<String, String> environment) {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("package the application first: " + jar + " is missing");
        }
        Map<String, String> settings = new LinkedHashMap<>(properties);
        int port = Integer.parseInt(settings.computeIfAbsent("quarkus.http.port", key -> Integer.toString(freePort())));
        int management = Integer.parseInt(
                settings.computeIfAbsent("quarkus.management.port", key -> Integer.toString(freePort())));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        Path log = Path.of("target", name + "-" + System.nanoTime() + ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            return new HeraldoProcess(process, log, port, management);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings that point Heraldo at servers of the test's own instead of the embedded ones. */
    public static Map<String, String> externalServers(EmbeddedKafka kafka, EmbeddedDatabase database,
            Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "heraldo.embedded.kafka", "false",
                "heraldo.embedded.postgres", "false",
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.username()));
        settings.putAll(more);
        return settings;
    }

    /** The operating system's id of the process: for {@code /proc/<pid>/status}, {@code jcmd} and profilers. */
    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    /** The management interface: health, metrics and the OpenAPI document ({@code /q/*}). */
    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    public HeraldoProcess awaitReady() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Heraldo exited with " + process.exitValue() + ":\n" + output());
            }
            return status(managementUrl() + "/q/health/ready") == 200;
        });
        return this;
    }

    /** The status code of a GET of this URL, -1 when nothing answers. */
    private static int status(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return -1;
        }
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Heraldo did not exit within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    /** SIGTERM, as an orchestrator stops a pod, and waits for a clean exit. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Heraldo did not stop within 60 s");
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    /**
     * A port nothing listens on now, below the kernel's range of ephemeral ports (32768-60999 on Linux). A port the
     * kernel hands out (bind to 0) can be taken again, before the jar binds it seconds later, as the local end of any
     * outgoing connection (the jar's own Kafka and PostgreSQL clients): seen as "Address already in use" at start.
     * Each port is handed out once per test JVM.
     */
    public static int freePort() {
        for (int tried = 0; tried < PORTS; tried++) {
            int port = LOWEST_PORT + Math.floorMod(NEXT_PORT.getAndIncrement(), PORTS);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
                return port;
            } catch (IOException taken) {
                // someone else's: the next one
            }
        }
        throw new IllegalStateException("no free port in " + LOWEST_PORT + "-" + (LOWEST_PORT + PORTS - 1));
    }
}
