package dev.aistudio.gateway.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A browser (or script) talking to the gateway under test: its own client address (so rate-limit buckets are per
 * test), and the cookies it was given. Every request carries a fresh X-Request-Id to find it again at the stubs.
 */
public final class Browser {

    public static final String PASSWORD = "violet-harbour-lantern";
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final String address = "10.%d.%d.%d".formatted(ThreadLocalRandom.current().nextInt(256),
            ThreadLocalRandom.current().nextInt(256), ThreadLocalRandom.current().nextInt(1, 255));
    private String csrf;
    private String session;
    private String lastRequestId;

    public static String uniqueName(String prefix) {
        return prefix + System.nanoTime() % 1_000_000_000L + NAMES.incrementAndGet();
    }

    /** The origin the gateway is reached under in tests. */
    public static String ownOrigin() {
        return "http://localhost:" + RestAssured.port;
    }

    public String address() {
        return address;
    }

    public String csrf() {
        return csrf;
    }

    public String session() {
        return session;
    }

    public Browser withSession(String value) {
        session = value;
        return this;
    }

    public Browser withCsrf(String value) {
        csrf = value;
        return this;
    }

    /** The request id of the last request made through {@link #request()}. */
    public String lastRequestId() {
        return lastRequestId;
    }

    /** A request with this browser's address and cookies, no CSRF header. */
    public RequestSpecification request() {
        lastRequestId = "test-" + UUID.randomUUID();
        RequestSpecification spec = given().header("X-Forwarded-For", address).header("X-Request-Id", lastRequestId)
                .contentType(ContentType.JSON);
        if (csrf != null) {
            spec.cookie("studio_csrf", csrf);
        }
        if (session != null) {
            spec.cookie("studio_session", session);
        }
        return spec;
    }

    /** A request as the web client sends unsafe ones: CSRF header and its own origin. */
    public RequestSpecification unsafe() {
        return request().header("X-CSRF-Token", csrf).header("Origin", ownOrigin());
    }

    /** What a page load does first: any GET hands out the CSRF cookie. */
    public Browser open() {
        csrf = request().get("/api/auth/me").then().extract().cookie("studio_csrf");
        return this;
    }

    public Response register(String username) {
        return keepSession(unsafe().body(Map.of("username", username, "password", PASSWORD)).post("/api/auth/register"));
    }

    public Response login(String username) {
        return keepSession(unsafe().body(Map.of("username", username, "password", PASSWORD)).post("/api/auth/login"));
    }

    /** Opens the page, registers a fresh account and stays signed in; answers the username. */
    public String signUp(String prefix) {
        if (csrf == null) {
            open();
        }
        String username = uniqueName(prefix);
        register(username).then().statusCode(201);
        return username;
    }

    /** A bearer token for API clients, the way a script gets one. */
    public String token(String username) {
        return request().body(Map.of("username", username, "password", PASSWORD)).post("/api/auth/token")
                .then().statusCode(200).extract().path("access_token");
    }

    private Response keepSession(Response response) {
        String value = response.getCookie("studio_session");
        if (value != null) {
            session = value.isEmpty() ? null : value;
        }
        return response;
    }
}
