package io.heraldo.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

class TargetStateTest {

    private record Target(boolean enabled, String disabledReason) {
    }

    private static Optional<CompletionStage<SendResult>> of(Optional<Target> found) {
        return TargetState.unavailable("endpoint", found, Target::enabled, Target::disabledReason);
    }

    @Test
    void aDeletedOrDisabledTargetFailsForGoodWithTheReason() {
        SendResult deleted = of(Optional.empty()).orElseThrow().toCompletableFuture().join();
        assertThat(deleted).isInstanceOf(SendResult.Failed.class);
        assertThat(((SendResult.Failed) deleted).reason()).isEqualTo("the endpoint was deleted");

        SendResult disabled = of(Optional.of(new Target(false, "410 Gone"))).orElseThrow().toCompletableFuture().join();
        assertThat(((SendResult.Failed) disabled).reason()).isEqualTo("the endpoint is disabled: 410 Gone");
    }

    @Test
    void anEnabledTargetIsAvailable() {
        assertThat(of(Optional.of(new Target(true, null)))).isEmpty();
    }
}
