package io.heraldo.integrations;

/** A webhook body that cannot be read; the message names the field at fault. */
public class InvalidPayloadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidPayloadException(String message) {
        super(message);
    }
}
