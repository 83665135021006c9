package io.heraldo.channel.twitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OAuth1SignerTest {

    // The worked example of X's "Creating a signature" documentation.
    private static final OAuth1Signer.Credentials DOCS = new OAuth1Signer.Credentials("xvz1evFS4wEEPTGEFPHBog",
            "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
            "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");
    private static final URI UPDATE = URI.create("https://api.twitter.com/1.1/statuses/update.json");
    private static final Map<String, String> PARAMS = Map.of("include_entities", "true", "status",
            "Hello Ladies + Gentlemen, a signed OAuth request!");

    @Test
    void signsTheDocumentedExampleToItsKnownSignature() {
        String header = OAuth1Signer.authorization("POST", UPDATE, PARAMS, DOCS, "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
                1318622958L);

        assertThat(header).startsWith("OAuth ")
                .contains("oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\"")
                .contains("oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\"")
                .contains("oauth_nonce=\"kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg\"")
                .contains("oauth_signature_method=\"HMAC-SHA1\"").contains("oauth_timestamp=\"1318622958\"")
                .contains("oauth_version=\"1.0\"")
                .doesNotContain(DOCS.consumerSecret()).doesNotContain(DOCS.tokenSecret());
    }

    @Test
    void theBaseStringIsTheDocumentedOne() {
        Map<String, String> all = new java.util.TreeMap<>(PARAMS);
        all.put("oauth_consumer_key", DOCS.consumerKey());
        all.put("oauth_nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg");
        all.put("oauth_signature_method", "HMAC-SHA1");
        all.put("oauth_timestamp", "1318622958");
        all.put("oauth_token", DOCS.token());
        all.put("oauth_version", "1.0");

        assertThat(OAuth1Signer.baseString("post", UPDATE, all)).isEqualTo("POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses"
                + "%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce"
                + "%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp"
                + "%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version"
                + "%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request"
                + "%2521");
    }

    @Test
    void signsTheOAuthCoreExampleToItsKnownSignature() {
        // OAuth Core 1.0a, appendix A.5 (the example RFC 5849 was written from).
        String base = OAuth1Signer.baseString("GET", URI.create("http://photos.example.net/photos"), Map.of(
                "file", "vacation.jpg", "size", "original", "oauth_consumer_key", "dpf43f3p2l4k3l03", "oauth_token",
                "nnch734d00sl2jdk", "oauth_nonce", "kllo9940pd9333jh", "oauth_timestamp", "1191242096",
                "oauth_signature_method", "HMAC-SHA1", "oauth_version", "1.0"));

        assertThat(OAuth1Signer.signature(base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00")).isEqualTo("tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
    }

    @Test
    void percentEncodesPerRfc3986() {
        assertThat(OAuth1Signer.encode("Ladies + Gentlemen")).isEqualTo("Ladies%20%2B%20Gentlemen");
        assertThat(OAuth1Signer.encode("An encoded string!")).isEqualTo("An%20encoded%20string%21");
        assertThat(OAuth1Signer.encode("Dogs, Cats & Mice")).isEqualTo("Dogs%2C%20Cats%20%26%20Mice");
        assertThat(OAuth1Signer.encode("☃")).isEqualTo("%E2%98%83");
        assertThat(OAuth1Signer.encode("a-b.c_d~e*")).isEqualTo("a-b.c_d~e%2A");
    }

    @Test
    void theBaseUriDropsDefaultPortsAndQueryAndLowersTheHost() {
        assertThat(OAuth1Signer.baseUri(URI.create("HTTPS://API.Twitter.com:443/2/tweets?x=1")))
                .isEqualTo("https://api.twitter.com/2/tweets");
        assertThat(OAuth1Signer.baseUri(URI.create("http://127.0.0.1:8181/2/tweets"))).isEqualTo("http://127.0.0.1:8181/2/tweets");
    }

    @Test
    void theLocalServerRejectsASignatureMadeWithAWrongSecret() {
        URI tweets = URI.create("http://127.0.0.1:9999/2/tweets");
        OAuth1Signer.Credentials right = new OAuth1Signer.Credentials("ck", "cs", "at", "ats");
        OAuth1Signer.Credentials wrongTokenSecret = new OAuth1Signer.Credentials("ck", "cs", "at", "other");
        OAuth1Signer.Credentials wrongConsumerSecret = new OAuth1Signer.Credentials("ck", "nope", "at", "ats");

        assertThat(LocalTwitter.verify("POST", tweets, OAuth1Signer.authorization("POST", tweets, Map.of(), right), right))
                .isTrue();
        assertThat(LocalTwitter.verify("POST", tweets,
                OAuth1Signer.authorization("POST", tweets, Map.of(), wrongTokenSecret), right)).isFalse();
        assertThat(LocalTwitter.verify("POST", tweets,
                OAuth1Signer.authorization("POST", tweets, Map.of(), wrongConsumerSecret), right)).isFalse();
        // Signed for another method or address: the signature covers them.
        assertThat(LocalTwitter.verify("GET", tweets, OAuth1Signer.authorization("POST", tweets, Map.of(), right), right))
                .isFalse();
    }

    @Test
    void credentialsNeverPrintTheirSecrets() {
        assertThat(DOCS.toString()).doesNotContain(DOCS.consumerSecret()).doesNotContain(DOCS.tokenSecret());
    }
}
