package io.heraldo.channel;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A registered target (webhook endpoint, chat destination) as it is when its delivery goes, which may differ from
 * when the delivery was planned: deleted or disabled since, a delivery to it fails for good, without a request.
 */
public final class TargetState {

    private TargetState() {
    }

    /**
     * The delivery's result when the target cannot take it, else empty.
     *
     * @param what how the target is named in the reason ({@code endpoint}, {@code destination})
     */
    public static <T> Optional<CompletionStage<SendResult>> unavailable(String what, Optional<T> found,
            Predicate<T> enabled, Function<T, String> disabledReason) {
        if (found.isEmpty()) {
            return Optional.of(CompletableFuture.completedFuture(
                    new SendResult.Failed("the " + what + " was deleted", null)));
        }
        if (!enabled.test(found.get())) {
            return Optional.of(CompletableFuture.completedFuture(new SendResult.Failed(
                    "the " + what + " is disabled: " + disabledReason.apply(found.get()), null)));
        }
        return Optional.empty();
    }
}
