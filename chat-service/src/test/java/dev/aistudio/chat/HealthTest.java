package dev.aistudio.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest {

    @Test
    void reportsLiveAndReady() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void servesOpenApiAndMetrics() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/chat/conversations/{id}/messages'.post", notNullValue());
        given().get("/q/metrics").then().statusCode(200);
    }
}
