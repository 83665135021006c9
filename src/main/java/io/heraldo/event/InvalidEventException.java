package io.heraldo.event;

/** A record that cannot be understood. The message is one sentence naming the field at fault. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String reason) {
        super(reason, null, false, false);
    }
}
