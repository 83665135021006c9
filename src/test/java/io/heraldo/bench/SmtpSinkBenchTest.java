package io.heraldo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;

/**
 * How fast the {@link SmtpSink} takes mail, so that no email benchmark measures the sink instead of its contender:
 * its intake (8 connections writing whole transactions without waiting for any reply, replies drained aside), then
 * in the same run the raw ceiling ({@link RawSmtpWriter}, pipelined and not) and two library clients (Jakarta Mail
 * with 8 transports sending one prepared message, the Vert.x mail client with a pool of 8), all with the same
 * 4.3 kB mail. Report in {@code target/bench/smtp-sink.txt}.
 * <p>
 * {@code ./mvnw -B -o -Pbench test -Dtest=SmtpSinkBenchTest} ({@code -Dbench.mails=} for another count)
 */
@Tag("bench")
class SmtpSinkBenchTest {

    private static final int MAILS = Integer.getInteger("bench.mails", 50_000);
    private static final int CONNECTIONS = 8;
    private static final MailTemplate TEMPLATE = MailTemplate.plain(4_300);

    @Test
    void sinkIntakeAgainstItsClients() throws Exception {
        StringBuilder report = new StringBuilder("SMTP sink intake and its clients (SmtpSinkBenchTest), " + LocalDateTime.now()
                + "\n%d mails of %d bytes, %d connections, %d cores\n".formatted(MAILS, TEMPLATE.size("r0@bench.test"),
                        CONNECTIONS, Runtime.getRuntime().availableProcessors()));
        try (SmtpSink sink = new SmtpSink()) {
            for (int round = 0; round < 2; round++) {
                report.append("round ").append(round + 1).append(round == 0 ? " (warm-up)\n" : "\n");
                line(report, "sink intake: whole transactions written without waiting", MAILS, blast(sink));
                sink.reset();
                RawSmtpWriter.Result pipelined = new RawSmtpWriter("127.0.0.1", sink.port(), CONNECTIONS, "a@bench.test")
                        .send(TEMPLATE, MAILS, i -> "r" + i + "@bench.test");
                assertThat(sink.messages()).isEqualTo(MAILS);
                line(report, "raw ceiling, pipelined (RawSmtpWriter)", MAILS, pipelined.seconds());
                sink.reset();
                sink.pipelining(false);
                RawSmtpWriter.Result plain = new RawSmtpWriter("127.0.0.1", sink.port(), CONNECTIONS, "a@bench.test")
                        .send(TEMPLATE, MAILS, i -> "r" + i + "@bench.test");
                sink.pipelining(true);
                assertThat(sink.messages()).isEqualTo(MAILS);
                line(report, "raw writer, one command at a time", MAILS, plain.seconds());
                sink.reset();
                line(report, "Jakarta Mail, 8 transports, one prepared message", MAILS, jakartaMail(sink));
                assertThat(sink.messages()).isEqualTo(MAILS);
                sink.reset();
                int vertxMails = MAILS / 5;
                line(report, "Vert.x mail client, pool of 8, composing each (1/5 of the mails)", vertxMails, vertx(sink, vertxMails));
                assertThat(sink.messages()).isEqualTo(vertxMails);
                sink.reset();
            }
        }
        System.out.println(report);
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "smtp-sink.txt"), report + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static void line(StringBuilder report, String what, int mails, double seconds) {
        report.append("  %-68s %7.2f s  %,9.0f mails/s%n".formatted(what, seconds, mails / seconds));
    }

    /** Each connection writes its share of whole transactions back to back while a thread of its own drains replies. */
    private static double blast(SmtpSink sink) throws Exception {
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        one.write("MAIL FROM:<a@bench.test>\r\nRCPT TO:<r@bench.test>\r\nDATA\r\n".getBytes(StandardCharsets.US_ASCII));
        TEMPLATE.write(one, "r@bench.test", 0);
        one.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] transaction = one.toByteArray();
        int perConnection = MAILS / CONNECTIONS;
        ExecutorService pool = Executors.newFixedThreadPool(2 * CONNECTIONS);
        long start = System.nanoTime();
        List<Future<?>> tasks = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), sink.port());
            socket.setSendBufferSize(256 * 1024);
            tasks.add(pool.submit(() -> {
                OutputStream out = socket.getOutputStream();
                out.write("EHLO blast\r\n".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < perConnection; i++) {
                    out.write(transaction);
                }
                out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                return null;
            }));
            tasks.add(pool.submit(() -> {
                try (socket; InputStream in = socket.getInputStream()) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                return null;
            }));
        }
        for (Future<?> task : tasks) {
            task.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        assertThat(sink.messages()).isEqualTo((long) perConnection * CONNECTIONS);
        return seconds * MAILS / (perConnection * CONNECTIONS);
    }

    private static double jakartaMail(SmtpSink sink) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(sink.port()));
        Session session = Session.getInstance(props);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TEMPLATE.write(bytes, "r@bench.test", 0);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < CONNECTIONS; w++) {
            workers.add(pool.submit(() -> {
                MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(bytes.toByteArray()));
                try (Transport transport = session.getTransport("smtp")) {
                    transport.connect();
                    int i;
                    while ((i = next.getAndIncrement()) < MAILS) {
                        transport.sendMessage(message, new InternetAddress[] { new InternetAddress("r" + i + "@bench.test") });
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double vertx(SmtpSink sink, int mails) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            MailClient client = MailClient.createShared(vertx, new MailConfig().setHostname("127.0.0.1")
                    .setPort(sink.port()).setStarttls(StartTLSOptions.DISABLED).setLogin(LoginOption.DISABLED)
                    .setPipelining(true).setMaxPoolSize(CONNECTIONS), "bench");
            String text = "x".repeat(75).concat("\n").repeat(50);
            Semaphore inFlight = new Semaphore(4 * CONNECTIONS);
            List<CompletableFuture<?>> sent = new ArrayList<>(mails);
            long start = System.nanoTime();
            for (int i = 0; i < mails; i++) {
                inFlight.acquire();
                sent.add(client.sendMail(new MailMessage().setFrom("a@bench.test").setTo("r" + i + "@bench.test")
                        .setSubject("bench").setText(text)).onComplete(done -> inFlight.release())
                        .toCompletionStage().toCompletableFuture());
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
            return (System.nanoTime() - start) / 1e9;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
