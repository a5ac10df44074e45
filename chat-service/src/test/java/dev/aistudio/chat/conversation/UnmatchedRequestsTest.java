package dev.aistudio.chat.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.aistudio.chat.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * A request no chat endpoint takes says what was asked and what there is. Every chat resource shares the class path
 * /api/chat, so Quarkus REST's own answers were the least helpful here: "Unable to find matching target resource
 * method", "HTTP 405 Method Not Allowed" with no Allow header, and OPTIONS listing every method of every resource.
 */
@QuarkusTest
class UnmatchedRequestsTest {

    private final String gus = TestIssuer.token(UUID.randomUUID());

    private RequestSpecification as() {
        return given().auth().oauth2(gus);
    }

    @Test
    void aPathNoEndpointHasNamesThePath() {
        as().get("/api/chat/nope").then().statusCode(404).contentType("application/problem+json")
                .body("code", is("not_found"))
                .body("detail", is("There is nothing at /api/chat/nope (GET): no endpoint of this service has this path."));
    }

    @Test
    void aWrongMethodNamesTheMethodsOfThatPathOnly() {
        as().post("/api/chat/models").then().statusCode(405).contentType("application/problem+json")
                .body("code", is("method_not_allowed")).header("Allow", "GET, HEAD, OPTIONS")
                .body("detail", is("POST is not allowed on /api/chat/models; it allows GET, HEAD, OPTIONS."));
        as().delete("/api/chat/conversations").then().statusCode(405).header("Allow", "GET, HEAD, POST, OPTIONS");
        as().put("/api/chat/conversations/" + UUID.randomUUID()).then().statusCode(405)
                .header("Allow", "GET, HEAD, PATCH, DELETE, OPTIONS");
        as().get("/api/chat/conversations/" + UUID.randomUUID() + "/messages").then().statusCode(405)
                .header("Allow", "POST, OPTIONS");
        as().options("/api/chat/models").then().statusCode(204).header("Allow", "GET, HEAD, OPTIONS");
    }

    @Test
    void wrongMediaTypesNameWhatTheEndpointReadsAndAnswers() {
        as().contentType("text/plain").body("hi").post("/api/chat/conversations").then().statusCode(415)
                .contentType("application/problem+json").body("code", is("unsupported_media_type"))
                .body("detail", is("POST /api/chat/conversations reads application/json; the request's Content-Type is"
                        + " text/plain; charset=ISO-8859-1."));
        as().accept("image/png").get("/api/chat/conversations").then().statusCode(406)
                .contentType("application/problem+json").body("code", is("not_acceptable"))
                .body("detail", is("GET /api/chat/conversations answers application/json and the request's Accept is"
                        + " image/png; send an Accept header that includes one of those, or none."));
    }
}
