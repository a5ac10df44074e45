package dev.aistudio.image.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.aistudio.testing.TestIssuer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** One person using the API: a fresh user id and a bearer token for it. */
public final class Client {

    public final UUID userId = UUID.randomUUID();
    private final String token = TestIssuer.token(userId);

    public RequestSpecification request() {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public Response submit(Map<String, Object> body) {
        return request().body(body).post("/api/images");
    }

    /** Submits and answers the new job's id. */
    public String submitOk(Map<String, Object> body) {
        return submit(body).then().statusCode(202).extract().path("id");
    }

    public Response job(String id) {
        return request().get("/api/images/" + id);
    }

    /** Waits until the job reaches the status (or any final one) and answers its JSON. */
    public Response awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    String now = job(id).then().statusCode(200).extract().path("status");
                    return now.equals(status) || (!now.equals("queued") && !now.equals("running"));
                });
        return job(id);
    }

    public static Map<String, Object> offline(String prompt) {
        return Map.of("model", "offline-pattern", "prompt", prompt, "width", 128, "height", 96, "seed", 7);
    }
}
