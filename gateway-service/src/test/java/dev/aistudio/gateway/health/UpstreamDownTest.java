package dev.aistudio.gateway.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import dev.aistudio.gateway.support.Backends;
import dev.aistudio.gateway.support.Browser;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class UpstreamDownTest {

    private static final String IMAGE_STATE = "checks.find { it.name == 'upstreams' }.data.'image-service'";

    @Test
    void aDownUpstreamAnswers503ForItsRoutesOnlyAndRecoversWithoutRestart() {
        given().get("/q/health/ready").then().statusCode(200).body(IMAGE_STATE, is("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.'user-service'", is("UP"));
        Backends.images().stop();
        try {
            new Browser().request().auth().oauth2("t").get("/api/images").then().statusCode(503)
                    .contentType("application/problem+json").body("code", is("upstream_unavailable"))
                    .header("Retry-After", is("5"));
            new Browser().request().auth().oauth2("t").get("/api/chat/models").then().statusCode(200);
            given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"))
                    .body(IMAGE_STATE, startsWith("DOWN"));
        } finally {
            Backends.images().start();
        }
        new Browser().request().auth().oauth2("t").get("/api/images").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body(IMAGE_STATE, is("UP"));
    }
}
