package io.heraldo.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The DIY peer of the email benchmark: what a user would write instead of Heraldo. A Kafka consumer of a topic of
 * recipient records ({@code email,locale} per record) and a pool of Jakarta Mail transports, each sending a small
 * MimeMessage composed per recipient. No durability: offsets are committed automatically, a failed send is counted
 * and dropped.
 */
public final class DiyMailer implements AutoCloseable {

    private static final String STOP = "";

    private final Session session;
    private final String topic;
    private final Properties consumerProps = new Properties();
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(1_000);
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;

    public DiyMailer(String bootstrapServers, String topic, String smtpHost, int smtpPort, int transports) {
        Properties mail = new Properties();
        mail.put("mail.smtp.host", smtpHost);
        mail.put("mail.smtp.port", Integer.toString(smtpPort));
        this.session = Session.getInstance(mail);
        this.topic = topic;
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "diy-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        threads.add(new Thread(this::consume, "diy-consumer"));
        for (int i = 0; i < transports; i++) {
            threads.add(new Thread(this::send, "diy-sender-" + i));
        }
    }

    public DiyMailer start() {
        threads.forEach(Thread::start);
        return this;
    }

    public long sent() {
        return sent.get();
    }

    public long failed() {
        return failed.get();
    }

    private void consume() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    queue.put(record.value());
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private void send() {
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            String recipient;
            while (!(recipient = queue.take()).equals(STOP)) {
                try {
                    String[] fields = recipient.split(",");
                    MimeMessage message = compose(fields[0], fields.length > 1 ? fields[1] : "en");
                    transport.sendMessage(message, message.getAllRecipients());
                    sent.incrementAndGet();
                } catch (Exception e) {
                    failed.incrementAndGet();
                    if (!transport.isConnected()) {
                        transport.connect();
                    }
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private MimeMessage compose(String email, String locale) throws Exception {
        boolean es = locale.startsWith("es");
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("ayuda@zboxapp.test", "ZBox Mail"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(email));
        message.setSubject(es ? "[ZBox Mail] Investigando: Problemas de validación de usuarios"
                : "[ZBox Mail] Investigating: user validation problems", "UTF-8");
        message.setText((es ? "Cerca del 70% de los usuarios no puede iniciar sesión en su correo. Estamos investigando."
                : "About 70% of users cannot sign in to their mail. We are investigating.")
                + "\n\nhttps://status.zboxapp.test/incidents/inc-bench\n\n"
                + (es ? "Darse de baja: " : "Unsubscribe: ") + "https://status.zboxapp.test/unsubscribe?email=" + email
                + "\n", "UTF-8");
        message.saveChanges();
        return message;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        threads.get(0).join(5_000);
        queue.clear();
        for (int i = 1; i < threads.size(); i++) {
            queue.offer(STOP, 1, TimeUnit.SECONDS);
        }
        for (Thread thread : threads) {
            thread.join(5_000);
        }
    }
}
