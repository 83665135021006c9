package io.heraldo.channel.twitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class OAuth1SignerTest {

    // The worked example of X's "Creating a signature" documentation.
    private static final OAuth1Signer.Credentials DOCS = new OAuth1Signer.Credentials("xvz1evFS4wEEPTGEFPHBog",
            "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
            "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");
    // Its two request parameters, include_entities and status, in the query (signed just as form parameters are).
    private static final URI UPDATE = URI.create("https://api.twitter.com/1.1/statuses/update.json?include_entities=true"
            + "&status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21");
    private static final String DOCS_NONCE = "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg";
    private static final long DOCS_TIMESTAMP = 1318622958L;
    private static final String DOCS_BASE_STRING = "POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses"
            + "%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce"
            + "%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp"
            + "%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version"
            + "%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request"
            + "%2521";

    private final OAuth1Signer docs = new OAuth1Signer(DOCS);

    @Test
    void signsTheDocumentedExampleToItsKnownSignature() {
        String header = docs.authorization("POST", UPDATE, DOCS_NONCE, DOCS_TIMESTAMP);

        assertThat(header).startsWith("OAuth ")
                .contains("oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\"")
                .contains("oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\"")
                .contains("oauth_nonce=\"kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg\"")
                .contains("oauth_signature_method=\"HMAC-SHA1\"").contains("oauth_timestamp=\"1318622958\"")
                .contains("oauth_version=\"1.0\"")
                .doesNotContain(DOCS.consumerSecret()).doesNotContain(DOCS.tokenSecret());
    }

    @Test
    void theBaseStringIsTheDocumentedOne() throws GeneralSecurityException {
        // The signature is the HMAC-SHA1 of the base string: the documented base string gives the documented
        // signature, and the header carries exactly that one.
        String signatureOfDocumentedBase = hmacSha1(DOCS_BASE_STRING, DOCS.consumerSecret() + "&" + DOCS.tokenSecret());

        assertThat(signatureOfDocumentedBase).isEqualTo("hCtSmYh+iHYCEqBWrE7C7hYmtUk=");
        assertThat(docs.authorization("post", UPDATE, DOCS_NONCE, DOCS_TIMESTAMP))
                .contains("oauth_signature=\"" + percentEncoded(signatureOfDocumentedBase) + "\"");
    }

    @Test
    void signsTheOAuthCoreExampleToItsKnownSignature() {
        // OAuth Core 1.0a, appendix A.5 (the example RFC 5849 was written from).
        OAuth1Signer photos = new OAuth1Signer(new OAuth1Signer.Credentials("dpf43f3p2l4k3l03", "kd94hf93k423kf44",
                "nnch734d00sl2jdk", "pfkkdhi9sl3r4s00"));

        assertThat(photos.authorization("GET", URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original"),
                "kllo9940pd9333jh", 1191242096L)).contains("oauth_signature=\"tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D\"");
    }

    @Test
    void percentEncodesPerRfc3986() {
        OAuth1Signer.Credentials secrets = new OAuth1Signer.Credentials("ck", "cs", "at", "ats");
        OAuth1Signer signer = new OAuth1Signer(secrets);
        URI tweets = URI.create("http://127.0.0.1:9999/2/tweets");
        Map<String, String> encodings = Map.of("Ladies + Gentlemen", "Ladies%20%2B%20Gentlemen",
                "An encoded string!", "An%20encoded%20string%21", "Dogs, Cats & Mice", "Dogs%2C%20Cats%20%26%20Mice",
                "☃", "%E2%98%83", "a-b.c_d~e*", "a-b.c_d~e%2A");

        encodings.forEach((value, encoded) -> {
            String header = signer.authorization("POST", tweets, value, Instant.now().getEpochSecond());
            assertThat(header).as(value).contains("oauth_nonce=\"" + encoded + "\"");
            // The base string encodes it the same way: the independent verifier accepts the signature.
            assertThat(LocalTwitter.verify("POST", tweets, header, secrets)).as(value).isTrue();
        });
    }

    @Test
    void theBaseUriDropsDefaultPortsAndQueryAndLowersTheHost() {
        OAuth1Signer.Credentials secrets = new OAuth1Signer.Credentials("ck", "cs", "at", "ats");
        OAuth1Signer signer = new OAuth1Signer(secrets);
        long now = Instant.now().getEpochSecond();

        assertThat(signer.authorization("POST", URI.create("HTTPS://API.Twitter.com:443/2/tweets?x=1"), "n", now))
                .isEqualTo(signer.authorization("POST", URI.create("https://api.twitter.com/2/tweets?x=1"), "n", now));
        assertThat(signer.authorization("POST", URI.create("http://example.com:80/2/tweets"), "n", now))
                .isEqualTo(signer.authorization("POST", URI.create("http://example.com/2/tweets"), "n", now));
        // The query is not in the base URI but among the signed parameters.
        String withQuery = signer.authorization("POST", URI.create("https://api.twitter.com/2/tweets?x=1"), "n", now);
        assertThat(LocalTwitter.verify("POST", URI.create("https://api.twitter.com/2/tweets?x=1"), withQuery, secrets))
                .isTrue();
        assertThat(LocalTwitter.verify("POST", URI.create("https://api.twitter.com/2/tweets?x=2"), withQuery, secrets))
                .isFalse();
        // Any other port stays in the base URI.
        String local = signer.authorization("POST", URI.create("http://127.0.0.1:8181/2/tweets"), "n", now);
        assertThat(LocalTwitter.verify("POST", URI.create("http://127.0.0.1:8181/2/tweets"), local, secrets)).isTrue();
        assertThat(LocalTwitter.verify("POST", URI.create("http://127.0.0.1:8282/2/tweets"), local, secrets)).isFalse();
    }

    @Test
    void theLocalServerRejectsASignatureMadeWithAWrongSecret() {
        URI tweets = URI.create("http://127.0.0.1:9999/2/tweets");
        OAuth1Signer.Credentials right = new OAuth1Signer.Credentials("ck", "cs", "at", "ats");
        OAuth1Signer.Credentials wrongTokenSecret = new OAuth1Signer.Credentials("ck", "cs", "at", "other");
        OAuth1Signer.Credentials wrongConsumerSecret = new OAuth1Signer.Credentials("ck", "nope", "at", "ats");

        assertThat(LocalTwitter.verify("POST", tweets, new OAuth1Signer(right).authorization("POST", tweets), right))
                .isTrue();
        assertThat(LocalTwitter.verify("POST", tweets,
                new OAuth1Signer(wrongTokenSecret).authorization("POST", tweets), right)).isFalse();
        assertThat(LocalTwitter.verify("POST", tweets,
                new OAuth1Signer(wrongConsumerSecret).authorization("POST", tweets), right)).isFalse();
        // Signed for another method or address: the signature covers them.
        assertThat(LocalTwitter.verify("GET", tweets, new OAuth1Signer(right).authorization("POST", tweets), right))
                .isFalse();
    }

    @Test
    void everyHeaderHasAFreshNonce() {
        OAuth1Signer signer = new OAuth1Signer(DOCS);
        URI tweets = URI.create("https://api.twitter.com/2/tweets");

        assertThat(signer.authorization("POST", tweets)).isNotEqualTo(signer.authorization("POST", tweets));
    }

    @Test
    void credentialsNeverPrintTheirSecrets() {
        assertThat(DOCS.toString()).doesNotContain(DOCS.consumerSecret()).doesNotContain(DOCS.tokenSecret());
    }

    private static String hmacSha1(String text, String key) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String percentEncoded(String base64) {
        return base64.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
    }
}
