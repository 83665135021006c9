package io.heraldo.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class SubscriberTokensTest {

    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    private final SubscriberTokens tokens = new SubscriberTokens(KEY);
    private final UUID ana = UUID.fromString("0190c7f2-1111-7000-8000-000000000001");
    private final UUID beto = UUID.fromString("0190c7f2-2222-7000-8000-000000000002");

    @Test
    void aTokenCarriesItsSubscriberAndVerifies() {
        String confirm = tokens.confirmToken(ana, "nonce-1");
        String unsubscribe = tokens.unsubscribeToken(ana);

        assertThat(confirm).matches("[A-Za-z0-9_-]{64}"); // 48 bytes, URL-safe, no padding
        assertThat(tokens.claimedId(confirm)).contains(ana);
        assertThat(tokens.verifyConfirm(confirm, "nonce-1")).contains(ana);
        assertThat(tokens.verifyUnsubscribe(unsubscribe)).contains(ana);
        assertThat(tokens.unsubscribeToken(ana)).isEqualTo(unsubscribe);
    }

    /** Links already in readers' mailboxes keep working: the MAC input is laid out as it always was. */
    @Test
    void theMacCoversTheLengthPrefixedPurposeIdAndNonce() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] label = "heraldo/subscriber/confirm/v1".getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(4).putInt(label.length).array());
        mac.update(label);
        mac.update(ByteBuffer.allocate(16).putLong(ana.getMostSignificantBits()).putLong(ana.getLeastSignificantBits())
                .array());
        mac.update(ByteBuffer.allocate(4).putInt(7).array());
        mac.update("nonce-1".getBytes(StandardCharsets.UTF_8));
        byte[] expected = ByteBuffer.allocate(48).putLong(ana.getMostSignificantBits())
                .putLong(ana.getLeastSignificantBits()).put(mac.doFinal()).array();

        assertThat(tokens.confirmToken(ana, "nonce-1"))
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(expected));
        // The same thread's next token starts afresh.
        assertThat(tokens.confirmToken(ana, "nonce-1")).isEqualTo(tokens.confirmToken(ana, "nonce-1"));
    }

    @Test
    void flippingAnyByteBreaksIt() {
        String token = tokens.unsubscribeToken(ana);
        byte[] raw = Base64.getUrlDecoder().decode(token);
        for (int i = 0; i < raw.length; i++) {
            byte[] forged = raw.clone();
            forged[i] ^= 0x01;
            String forgedToken = Base64.getUrlEncoder().withoutPadding().encodeToString(forged);
            assertThat(tokens.verifyUnsubscribe(forgedToken)).as("byte %d flipped", i).isEmpty();
        }
    }

    @Test
    void anotherSubscribersIdCannotBeSwappedIn() {
        byte[] raw = Base64.getUrlDecoder().decode(tokens.unsubscribeToken(ana));
        ByteBuffer.wrap(raw).putLong(beto.getMostSignificantBits()).putLong(beto.getLeastSignificantBits());
        String swapped = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);

        assertThat(tokens.claimedId(swapped)).contains(beto);
        assertThat(tokens.verifyUnsubscribe(swapped)).isEmpty();
    }

    @Test
    void aManageTokenOpensOnlyItsSubscribersPage() {
        String manage = tokens.manageToken(ana);
        assertThat(manage).matches("[A-Za-z0-9_-]{64}");
        assertThat(tokens.verifyManage(manage)).contains(ana);
        assertThat(tokens.manageToken(ana)).isEqualTo(manage);
        // Of its own purpose: neither an unsubscribe nor a confirmation token opens the page, nor the reverse.
        assertThat(tokens.verifyManage(tokens.unsubscribeToken(ana))).isEmpty();
        assertThat(tokens.verifyManage(tokens.confirmToken(ana, ""))).isEmpty();
        assertThat(tokens.verifyUnsubscribe(manage)).isEmpty();
        assertThat(tokens.verifyConfirm(manage, "")).isEmpty();
        byte[] raw = Base64.getUrlDecoder().decode(manage);
        ByteBuffer.wrap(raw).putLong(beto.getMostSignificantBits()).putLong(beto.getLeastSignificantBits());
        assertThat(tokens.verifyManage(Base64.getUrlEncoder().withoutPadding().encodeToString(raw))).isEmpty();
    }

    @Test
    void aConfirmTokenIsNoUnsubscribeTokenNorTheReverse() {
        String confirm = tokens.confirmToken(ana, "");
        String unsubscribe = tokens.unsubscribeToken(ana);

        assertThat(tokens.verifyUnsubscribe(confirm)).isEmpty();
        assertThat(tokens.verifyConfirm(unsubscribe, "")).isEmpty();
        assertThat(tokens.verifyConfirm(confirm, "")).contains(ana);
    }

    @Test
    void anotherNonceOrAnotherKeyVoidsIt() {
        String confirm = tokens.confirmToken(ana, "old-nonce");
        assertThat(tokens.verifyConfirm(confirm, "new-nonce")).isEmpty();
        assertThat(tokens.verifyConfirm(confirm, null)).isEmpty();

        byte[] otherKey = KEY.clone();
        otherKey[0] = 8;
        assertThat(new SubscriberTokens(otherKey).verifyConfirm(confirm, "old-nonce")).isEmpty();
    }

    @Test
    void garbageIsRefusedQuietly() {
        assertThat(tokens.verifyUnsubscribe(null)).isEmpty();
        assertThat(tokens.verifyUnsubscribe("")).isEmpty();
        assertThat(tokens.verifyUnsubscribe("not base64 !")).isEmpty();
        assertThat(tokens.verifyUnsubscribe(tokens.unsubscribeToken(ana).substring(0, 60))).isEmpty();
        assertThat(tokens.verifyUnsubscribe(tokens.unsubscribeToken(ana) + "AAAA")).isEmpty();
        assertThat(tokens.verifyUnsubscribe("A".repeat(10_000))).isEmpty();
        assertThat(tokens.claimedId("%%%")).isEmpty();
    }
}
