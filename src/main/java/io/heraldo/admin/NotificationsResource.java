package io.heraldo.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.heraldo.channel.Channel;
import io.heraldo.fanout.DeliveryLog;
import io.heraldo.platform.Problem;
import io.smallrye.common.annotation.Blocking;

/** How far the notifications of one event got, per channel. */
@Path("/admin/v1/notifications")
public class NotificationsResource {

    /**
     * The counts of one channel: {@code pending} is everything not finished yet, retries included; {@code coalesced}
     * the mails not sent because a newer update of the same incident or maintenance carried them.
     */
    public record Counts(long sent, long failed, long pending, long coalesced) {
    }

    private final DeliveryLog log;
    private final Instance<Channel> channels;

    public NotificationsResource(DeliveryLog log, @Any Instance<Channel> channels) {
        this.log = log;
        this.channels = channels;
    }

    @GET
    @Path("{eventId}")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public Response counts(@PathParam("eventId") String eventId) {
        Optional<Map<String, Map<String, Long>>> counts = log.countsForEvent(eventId);
        if (counts.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND)
                    .entity(new Problem(404, "eventId: no event '" + eventId + "' has been applied")).build();
        }
        Map<String, Counts> body = new LinkedHashMap<>();
        for (Channel channel : channels) {
            body.put(channel.name(), counts(counts.get().getOrDefault(channel.name(), Map.of())));
        }
        counts.get().forEach((channel, states) -> body.putIfAbsent(channel, counts(states)));
        return Response.ok(body).build();
    }

    private static Counts counts(Map<String, Long> states) {
        return new Counts(states.getOrDefault("sent", 0L),
                states.getOrDefault("failed", 0L) + states.getOrDefault("dead", 0L),
                states.getOrDefault("pending", 0L) + states.getOrDefault("sending", 0L)
                        + states.getOrDefault("retrying", 0L),
                states.getOrDefault("coalesced", 0L));
    }
}
