package io.heraldo.inbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.jdbi.v3.core.Jdbi;

/** Whether a notification a returned Message-ID names was made: the fan-out keeps every one it sends. */
@ApplicationScoped
public class SentNotifications {

    private final Jdbi jdbi;

    public SentNotifications(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    boolean exists(String notificationId) {
        return jdbi.withHandle(handle -> handle.createQuery("select 1 from notification where id = :id")
                .bind("id", notificationId)
                .mapTo(Integer.class)
                .findOne()
                .isPresent());
    }
}
