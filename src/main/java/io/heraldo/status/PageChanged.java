package io.heraldo.status;

import java.util.List;

import io.heraldo.event.StatusEvent;

/** Fired after a transaction that changed the status model committed, with the events it applied. */
public record PageChanged(List<StatusEvent> events) {
}
