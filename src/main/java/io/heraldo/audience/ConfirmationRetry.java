package io.heraldo.audience;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.LongUnaryOperator;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * When a confirmation mail that was not sent is tried again: after {@code first}, doubling per attempt up to
 * {@code max}, less up to a fifth so that replicas do not march in step; never when the relay refused it for good;
 * not at all once it has waited {@code giveUpAfter}.
 */
final class ConfirmationRetry {

    private final Duration first;
    private final Duration max;
    private final Duration giveUpAfter;
    /** Picks the jitter: a number in [0, bound]. */
    private final LongUnaryOperator jitter;

    ConfirmationRetry(Duration first, Duration max, Duration giveUpAfter, LongUnaryOperator jitter) {
        this.first = first;
        this.max = max;
        this.giveUpAfter = giveUpAfter;
        this.jitter = jitter;
    }

    /** The wait after the {@code attempts}-th attempt failed. */
    Duration wait(int attempts) {
        Duration wait = first;
        for (int i = 1; i < attempts && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        if (wait.compareTo(max) > 0) {
            wait = max;
        }
        long millis = wait.toMillis();
        return Duration.ofMillis(millis - jitter.applyAsLong(millis / 5));
    }

    /** Queued so long ago that it is dropped rather than tried again. */
    boolean givenUp(OffsetDateTime queuedAt, OffsetDateTime now) {
        return !queuedAt.plus(giveUpAfter).isAfter(now);
    }

    /** A 5xx from the relay about the recipient or the message, or an address that is none: no retry will help. */
    static boolean permanent(MessagingException e) {
        for (Throwable cause = e; cause != null; cause = next(cause)) {
            if (cause instanceof AddressException) {
                return true;
            }
            if (cause instanceof SMTPAddressFailedException refused) {
                return refused.getReturnCode() >= 500;
            }
            if (cause instanceof SMTPSendFailedException failed) {
                return failed.getReturnCode() >= 500;
            }
        }
        return false;
    }

    private static Throwable next(Throwable cause) {
        if (cause instanceof MessagingException messaging && messaging.getNextException() != null
                && messaging.getNextException() != cause) {
            return messaging.getNextException();
        }
        return cause.getCause() == cause ? null : cause.getCause();
    }
}
