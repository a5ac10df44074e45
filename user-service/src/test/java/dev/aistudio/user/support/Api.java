package dev.aistudio.user.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A client of the running test app. Each instance speaks from its own client address (X-Forwarded-For, trusted from
 * loopback), so the per-address login throttle of one test never trips another.
 */
public final class Api {

    public static final String PASSWORD = "violet-harbour-lantern";
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final String address = "10.%d.%d.%d".formatted(ThreadLocalRandom.current().nextInt(256),
            ThreadLocalRandom.current().nextInt(256), ThreadLocalRandom.current().nextInt(1, 255));

    public static String uniqueName(String prefix) {
        return prefix + System.nanoTime() % 1_000_000_000L + NAMES.incrementAndGet();
    }

    public String address() {
        return address;
    }

    public RequestSpecification request() {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON);
    }

    public Response post(String path, Object body) {
        return request().body(body).post(path);
    }

    public Response register(String username, String password) {
        return post("/api/auth/register", Map.of("username", username, "password", password));
    }

    public Response login(String username, String password) {
        return post("/api/auth/login", Map.of("username", username, "password", password));
    }

    /** Registers a fresh account and answers its username. */
    public String newAccount(String prefix) {
        String username = uniqueName(prefix);
        register(username, PASSWORD).then().statusCode(201);
        return username;
    }

    public String token(String username) {
        return post("/api/auth/token", Map.of("username", username, "password", PASSWORD))
                .then().statusCode(200).extract().path("access_token");
    }

    /** Signs in and answers the opaque session id from the cookie. */
    public String sessionCookie(String username) {
        return login(username, PASSWORD).then().statusCode(200).extract().cookie("studio_session");
    }

    public Response exchange(String sessionId) {
        return post("/internal/sessions/exchange", Map.of("sessionId", sessionId));
    }

    public Response me(String token) {
        return given().auth().oauth2(token).get("/api/auth/me");
    }
}
