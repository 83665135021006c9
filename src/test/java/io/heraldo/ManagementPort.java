package io.heraldo;

import java.net.URI;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * Requests to the management interface of the {@code @QuarkusTest} application: health, metrics and the OpenAPI
 * document are served there ({@code quarkus.management.test-port}, a free port in tests), never on the public port.
 */
public final class ManagementPort {

    private ManagementPort() {
    }

    /** A request to the management interface; paths are the full ones ({@code /q/metrics}). */
    public static RequestSpecification given() {
        URI management = URI.create(TestHTTPResourceManager.getManagementUri());
        return RestAssured.given().baseUri(management.getScheme() + "://" + management.getHost())
                .port(management.getPort());
    }
}
