package io.heraldo.audience;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.platform.HeraldoConfig;
import io.heraldo.platform.Problem;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/** {@code POST /api/v1/subscriptions}: starts the double opt-in of an email address. No authentication. */
@Path("/api/v1/subscriptions")
public class SubscriptionResource {

    /** One answer for every address, whatever it is to us, so nobody learns who subscribes. */
    static final Map<String, Object> ACCEPTED = Map.of("status", 202, "message",
            "If this address is not subscribed yet, a confirmation email is on its way: "
                    + "the subscription starts when its link is opened.");

    private final Subscriptions subscriptions;
    private final SubscriptionLimits limits;
    private final ObjectMapper json;
    private final String defaultLocale;

    public SubscriptionResource(Subscriptions subscriptions, SubscriptionLimits limits, ObjectMapper json,
            HeraldoConfig config) {
        this.subscriptions = subscriptions;
        this.limits = limits;
        this.json = json;
        this.defaultLocale = config.defaultLocale();
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response subscribe(byte[] body, @Context HttpServerRequest http,
            @HeaderParam("X-Forwarded-For") String forwardedFor) {
        var clientWait = limits.client(http.remoteAddress() == null ? null : http.remoteAddress().hostAddress(),
                forwardedFor);
        if (clientWait.isPresent()) {
            return tooMany(clientWait.get());
        }
        SubscriptionRequest request;
        try {
            request = SubscriptionRequest.from(parse(body), defaultLocale);
        } catch (InvalidFieldException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(new Problem(400, e.getMessage())).build();
        }
        Subscriptions.Outcome outcome = subscriptions.subscribe(request);
        if (outcome instanceof Subscriptions.Limited limited) {
            return tooMany(limited.retryAfter());
        }
        if (outcome instanceof Subscriptions.Unavailable unavailable) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(new Problem(503, unavailable.reason()))
                    .build();
        }
        return Response.accepted(ACCEPTED).build();
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            throw new InvalidFieldException("body", "is not valid JSON");
        }
    }

    private static Response tooMany(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return Response.status(Response.Status.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, seconds)
                .entity(new Problem(429, "too many subscription requests: try again in " + seconds + " seconds"))
                .build();
    }
}
