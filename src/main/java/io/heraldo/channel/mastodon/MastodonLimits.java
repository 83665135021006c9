package io.heraldo.channel.mastodon;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * The instance's character limit, read from {@code GET /api/v2/instance} once and again every
 * {@code heraldo.mastodon.instance-refresh} (sooner when the instance refused a status as too long). Until the instance
 * answers, Mastodon's own defaults (500, a URL counting 23) are used and it is asked again a minute later.
 */
@ApplicationScoped
public class MastodonLimits {

    private static final Logger LOG = Logger.getLogger(MastodonLimits.class);
    private static final Duration AFTER_FAILURE = Duration.ofMinutes(1);

    private final MastodonApi api;
    private final MastodonConfig config;
    private MastodonApi.Limits limits;
    private Instant readAgainAt = Instant.EPOCH;

    public MastodonLimits(MastodonApi api, MastodonConfig config) {
        this.api = api;
        this.config = config;
    }

    /** The limits to fit the next status to. */
    public synchronized MastodonApi.Limits current(Instant now) {
        if (!now.isBefore(readAgainAt)) {
            try {
                Optional<MastodonApi.Limits> read = api.limits();
                if (read.isPresent()) {
                    limits = read.get();
                    readAgainAt = now.plus(config.instanceRefresh());
                } else {
                    readAgainAt = now.plus(AFTER_FAILURE);
                }
            } catch (IOException e) {
                LOG.warnf("Mastodon instance limits not read (%s); fitting to %s meanwhile", e.getMessage(),
                        limits != null ? limits : MastodonApi.Limits.DEFAULT);
                readAgainAt = now.plus(AFTER_FAILURE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return limits != null ? limits : MastodonApi.Limits.DEFAULT;
    }

    /** The instance refused a status as too long: its limit changed, read it before the next status. */
    public synchronized void stale() {
        readAgainAt = Instant.EPOCH;
    }
}
