package io.heraldo.platform;

/** The body of every error answer: the status and one sentence saying what is wrong. */
public record Problem(int status, String error) {
}
