package io.heraldo.channel.chat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.heraldo.channel.Channel;
import io.heraldo.channel.Delivery;
import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationType;
import io.heraldo.channel.Recipient;
import io.heraldo.channel.SendResult;
import io.heraldo.channel.TargetPermits;
import io.heraldo.channel.TargetRules;
import io.heraldo.channel.TargetState;
import io.heraldo.platform.HeraldoConfig;
import io.heraldo.platform.http.TargetGuard;

/**
 * Every chat destination (contract section 6) as one channel, {@code chat}: its recipients are the enabled
 * destinations whose filters let a notification through; each message goes through the destination's
 * {@link ChatService}. The updates of an incident or maintenance form a thread per destination: the fan-out hands
 * each over once the earlier ones reached that destination, with the first post's id the service gave
 * ({@link Delivery#thread()}), which the delivery log keeps across restarts. An authentication error or a webhook URL
 * that is gone disables the destination at once; one failing longer than {@code heraldo.webhook.disable-after} is
 * disabled too.
 */
@ApplicationScoped
public class ChatChannel implements Channel {

    public static final String NAME = "chat";

    private static final Logger LOG = Logger.getLogger(ChatChannel.class);

    private final ChatConfig config;
    private final TargetRules rules;
    private final ChatDestinations destinations;
    private final ChatComposer composer;
    private final Map<String, ChatService> services = new LinkedHashMap<>();
    private final TargetPermits permits;
    private final DestinationRegistration registration;
    /** Every destination in one language says the same of one notification: composed once. */
    private final Cache<String, ChatMessage> messages = Caffeine.newBuilder().maximumSize(1_000).build();

    public ChatChannel(ChatConfig config, TargetRules rules, ChatDestinations destinations, ChatComposer composer,
            HeraldoConfig heraldo, @Any Instance<ChatService> found) {
        this.config = config;
        this.permits = new TargetPermits(config.destinationConcurrency(), "destination", "messages");
        this.rules = rules;
        this.destinations = destinations;
        this.composer = composer;
        found.stream().sorted((a, b) -> a.type().compareTo(b.type())).forEach(s -> services.put(s.type(), s));
        this.registration = new DestinationRegistration(Map.copyOf(services),
                new TargetGuard(rules.allowPrivateTargets()), heraldo.languages(), heraldo.defaultLocale());
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Chat hears of every kind, bare component changes included (the operators' channel); destinations filter. */
    @Override
    public boolean wants(Notification notification) {
        return true;
    }

    /** The page's destinations in one query: each send then finds its own in the cache. */
    @Override
    public void prepare(List<Recipient> recipients) {
        destinations.load(recipients.stream().map(Recipient::id).toList());
    }

    @Override
    public List<Recipient> recipients(Notification notification, String afterId, int limit) {
        String type = NotificationType.of(notification.kind()).wire();
        return destinations.matching(type, notification.componentIds(), afterId, limit).stream()
                // Never the fields: the delivery log keeps the recipient, and the fields hold tokens.
                .map(d -> new Recipient(d.id(), d.name() == null ? d.type() : d.type() + ": " + d.name(), d.lang(),
                        Map.of("type", d.type())))
                .toList();
    }

    /** What an operator asks to register, checked against this build's services, the guard and the languages. */
    public DestinationRegistration registration() {
        return registration;
    }

    /** The services of this build, by type. */
    public Map<String, ChatService> services() {
        return Map.copyOf(services);
    }

    @Override
    public SendResult send(Delivery delivery) {
        return sendAsync(delivery, Runnable::run).toCompletableFuture().join();
    }

    /**
     * Laid out and sent from the caller's thread without waiting for the answer; what comes of it (a disabled
     * destination, a failing streak) is written on a sender thread, never on the HTTP client's event loop.
     */
    @Override
    public CompletionStage<SendResult> sendAsync(Delivery delivery, Executor senders) {
        Optional<ChatDestination> found = destinations.cached(delivery.recipient().id());
        Optional<CompletionStage<SendResult>> unavailable = TargetState.unavailable("destination", found,
                ChatDestination::enabled, ChatDestination::disabledReason);
        if (unavailable.isPresent()) {
            return unavailable.get();
        }
        ChatDestination destination = found.get();
        ChatService service = services.get(destination.type());
        if (service == null) {
            return CompletableFuture.completedFuture(new SendResult.Retry("no chat service '" + destination.type()
                    + "' in this build", null, null));
        }
        Notification notification = delivery.notification();
        ChatMessage message = messages.get(notification.id() + "\n" + destination.lang(),
                key -> composer.compose(notification, destination.lang()));
        ChatService.Post post = new ChatService.Post(delivery.id(), destination, message, delivery.thread());
        return permits.send(destination.id(), () -> send(service, post), reply -> afterwards(destination, reply),
                senders);
    }

    /**
     * A test message sent now, outside the fan-out, waiting for the service's answer (at most
     * {@code heraldo.chat.timeout}): the operator sees at once whether the destination works. A disabled destination
     * is tried too, and takes messages again when the test goes through. Blocks: call it off the event loop.
     */
    public Reply test(ChatDestination destination) {
        ChatService service = services.get(destination.type());
        if (service == null) {
            return Reply.failed("no chat service '" + destination.type() + "' in this build", null);
        }
        ChatService.Post post = new ChatService.Post("test_" + UUID.randomUUID(), destination,
                composer.test(destination.lang()), Delivery.Thread.START);
        Reply reply = send(service, post).toCompletableFuture().join();
        if (reply.result() instanceof SendResult.Sent) {
            destinations.enable(destination.id());
        } else if (reply.disables() != null && destinations.disable(destination.id(), reply.disables())) {
            LOG.infof("Chat destination %s (%s) refused a test message: disabled", destination.id(), destination.type());
        }
        return reply;
    }

    private static CompletionStage<Reply> send(ChatService service, ChatService.Post post) {
        try {
            return service.send(post);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Reply.retry(SendResult.reason(e.getClass().getSimpleName() + ": "
                    + e.getMessage(), 300, "unexpected failure"), null, null));
        }
    }

    /** A refusal for good disables at once; a success clears the failing streak; a long streak disables. */
    private SendResult afterwards(ChatDestination destination, Reply reply) {
        SendResult result = reply.result();
        if (result instanceof SendResult.Sent) {
            if (destination.failingSince() != null) {
                destinations.succeeded(destination.id());
            }
        } else if (reply.disables() != null) {
            if (destinations.disable(destination.id(), reply.disables())) {
                LOG.infof("Chat destination %s (%s) refused for good: disabled", destination.id(), destination.type());
            }
        } else if (destinations.failed(destination.id(), rules.disableAfter())) {
            LOG.infof("Chat destination %s (%s) failed for longer than %s: disabled", destination.id(),
                    destination.type(), rules.disableAfter());
        }
        return result;
    }

    @Override
    public int concurrency() {
        return config.concurrency();
    }

    @Override
    public boolean postsInThreads() {
        return true;
    }

    @Override
    public List<Duration> retrySchedule() {
        return rules.retrySchedule();
    }

    /** The first attempt and one per entry of the schedule. */
    @Override
    public int maxAttempts() {
        return rules.retrySchedule().size() + 1;
    }
}
