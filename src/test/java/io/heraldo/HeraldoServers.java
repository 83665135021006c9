package io.heraldo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.heraldo.channel.bluesky.InjectLocalBluesky;
import io.heraldo.channel.bluesky.LocalBluesky;
import io.heraldo.channel.chat.InjectLocalChat;
import io.heraldo.channel.chat.LocalChat;
import io.heraldo.channel.mastodon.InjectLocalMastodon;
import io.heraldo.channel.mastodon.LocalMastodon;
import io.heraldo.channel.twitter.InjectLocalTwitter;
import io.heraldo.channel.twitter.LocalTwitter;
import io.heraldo.platform.EmbeddedDatabase;
import io.heraldo.platform.EmbeddedKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real servers every {@code @QuarkusTest} talks to: a KRaft broker, a PostgreSQL, a GreenMail SMTP/IMAP
 * server and stand-ins over real HTTP for X, Mastodon, Bluesky and every chat service (Slack, Teams, Discord, Google
 * Chat, Mattermost, Telegram, Matrix), started once for the whole suite (one set of resources means one application
 * start), in fresh directories under {@code target/}. Tests reach GreenMail through a field marked
 * {@link InjectGreenMail}, the stand-ins through {@code @InjectLocalTwitter}, {@code @InjectLocalMastodon},
 * {@code @InjectLocalBluesky} and {@link InjectLocalChat}.
 */
public class HeraldoServers implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_TOKEN = "test-admin-token";
    /** What Alertmanager presents on {@code /integrations/alertmanager}. */
    public static final String INTEGRATIONS_TOKEN = "test-integrations-token";
    public static final String FROM = "ZBox Mail <ayuda@zboxapp.test>";
    public static final String PAGE_NAME = "ZBox Mail";
    /** The support mailbox Heraldo reads over IMAP (the address of {@link #FROM}). */
    public static final String INBOX_ADDRESS = "ayuda@zboxapp.test";
    public static final String INBOX_PASSWORD = "ayuda-test-password";
    /** The test instance's limit, below Mastodon's default 500: statuses fitted to 500 would be refused. */
    public static final int MASTODON_MAX_CHARACTERS = 420;

    private EmbeddedKafka kafka;
    private EmbeddedDatabase database;
    private GreenMail greenMail;
    private LocalTwitter twitter;
    private LocalMastodon mastodon;
    private LocalBluesky bluesky;
    private LocalChat chat;

    @Override
    public Map<String, String> start() {
        Path dir;
        try {
            dir = Files.createTempDirectory(Path.of("target"), "heraldo-test-servers-");
            kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 3);
            database = EmbeddedDatabase.start(dir.resolve("postgres"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Fixed ports, so a test can stop and start GreenMail (an SMTP outage) and Heraldo finds it again.
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(HeraldoProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(HeraldoProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP) });
        greenMail.start();
        greenMail.setUser(INBOX_ADDRESS, INBOX_ADDRESS, INBOX_PASSWORD);
        twitter = LocalTwitter.start();
        mastodon = LocalMastodon.start(MASTODON_MAX_CHARACTERS);
        bluesky = LocalBluesky.start();
        chat = LocalChat.start();
        return Map.ofEntries(
                Map.entry("kafka.bootstrap.servers", kafka.bootstrapServers()),
                Map.entry("quarkus.datasource.jdbc.url", database.jdbcUrl()),
                Map.entry("quarkus.datasource.username", database.username()),
                Map.entry("heraldo.admin.token", ADMIN_TOKEN),
                Map.entry("heraldo.integrations.token", INTEGRATIONS_TOKEN),
                Map.entry("heraldo.maintenance.clock-interval", "1s"),
                Map.entry("heraldo.page.name", PAGE_NAME),
                // a third language is configuration plus its bundles (CONTRACT §1): every test runs with it
                Map.entry("heraldo.languages", "es,en,pt"),
                // The static copy of the site, checked after every event by the site's export tests.
                Map.entry("heraldo.site.export-dir", dir.resolve("site").toString()),
                Map.entry("heraldo.site.export-check-interval", "2s"),
                Map.entry("heraldo.email.enabled", "true"),
                Map.entry("heraldo.email.from", FROM),
                Map.entry("heraldo.email.smtp-host", "127.0.0.1"),
                Map.entry("heraldo.email.smtp-port", Integer.toString(greenMail.getSmtp().getPort())),
                Map.entry("heraldo.email.start-tls", "DISABLED"),
                Map.entry("heraldo.email.send-timeout", "10s"),
                // Webhook receivers in tests listen on 127.0.0.1, and retries should come within seconds.
                Map.entry("heraldo.webhook.allow-private-targets", "true"),
                Map.entry("heraldo.webhook.retry-schedule", "1s,2s,3s"),
                Map.entry("heraldo.twitter.enabled", "true"),
                Map.entry("heraldo.twitter.api-base-url", twitter.baseUrl()),
                Map.entry("heraldo.twitter.consumer-key", LocalTwitter.ACCOUNT.consumerKey()),
                Map.entry("heraldo.twitter.consumer-secret", LocalTwitter.ACCOUNT.consumerSecret()),
                Map.entry("heraldo.twitter.access-token", LocalTwitter.ACCOUNT.token()),
                Map.entry("heraldo.twitter.access-token-secret", LocalTwitter.ACCOUNT.tokenSecret()),
                Map.entry("heraldo.twitter.pause-probe-interval", "2s"),
                Map.entry("heraldo.mastodon.enabled", "true"),
                Map.entry("heraldo.mastodon.instance-url", mastodon.baseUrl()),
                Map.entry("heraldo.mastodon.access-token", LocalMastodon.TOKEN),
                Map.entry("heraldo.mastodon.pause-probe-interval", "2s"),
                Map.entry("heraldo.bluesky.enabled", "true"),
                Map.entry("heraldo.bluesky.service-url", bluesky.baseUrl()),
                Map.entry("heraldo.bluesky.identifier", LocalBluesky.IDENTIFIER),
                Map.entry("heraldo.bluesky.app-password", LocalBluesky.APP_PASSWORD),
                Map.entry("heraldo.bluesky.pause-probe-interval", "2s"),
                Map.entry("heraldo.chat.slack-api-url", chat.slackApiUrl()),
                Map.entry("heraldo.chat.telegram-api-url", chat.telegramApiUrl()),
                Map.entry("heraldo.inbox.enabled", "true"),
                Map.entry("heraldo.inbox.imap-host", "127.0.0.1"),
                Map.entry("heraldo.inbox.imap-port", Integer.toString(greenMail.getImap().getPort())),
                Map.entry("heraldo.inbox.username", INBOX_ADDRESS),
                Map.entry("heraldo.inbox.password", INBOX_PASSWORD),
                Map.entry("heraldo.inbox.poll-interval", "1s"),
                Map.entry("heraldo.inbox.timeout", "10s"),
                Map.entry("heraldo.inbox.max-backoff", "2s"));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(greenMail, new TestInjector.AnnotatedAndMatchesType(InjectGreenMail.class, GreenMail.class));
        injector.injectIntoFields(twitter,
                new TestInjector.AnnotatedAndMatchesType(InjectLocalTwitter.class, LocalTwitter.class));
        injector.injectIntoFields(mastodon,
                new TestInjector.AnnotatedAndMatchesType(InjectLocalMastodon.class, LocalMastodon.class));
        injector.injectIntoFields(bluesky,
                new TestInjector.AnnotatedAndMatchesType(InjectLocalBluesky.class, LocalBluesky.class));
        injector.injectIntoFields(chat, new TestInjector.AnnotatedAndMatchesType(InjectLocalChat.class, LocalChat.class));
    }

    @Override
    public void stop() {
        try {
            if (kafka != null) {
                kafka.close();
            }
            if (database != null) {
                database.close();
            }
            if (greenMail != null) {
                greenMail.stop();
            }
            if (twitter != null) {
                twitter.close();
            }
            if (mastodon != null) {
                mastodon.close();
            }
            if (bluesky != null) {
                bluesky.close();
            }
            if (chat != null) {
                chat.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
