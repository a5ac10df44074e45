package dev.aistudio.problem.endpoints;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A request no endpoint takes answers a problem that says what was asked and what the service has: the path and
 * method, the methods the path allows (with an {@code Allow} header), the media types the endpoint reads or answers.
 * Quarkus REST alone answered {@code Unable to find matching target resource method}, {@code HTTP 405 Method Not
 * Allowed} with no {@code Allow}, and details naming {@code @Consumes} and {@code @Produces}.
 */
@QuarkusTest
class UnmatchedRequestsTest {

    @Test
    void aPathNoEndpointHasNamesThePathAndMethod() {
        for (String path : new String[] { "/api/notes/1/nope", "/api/nope", "/nope", "/" }) {
            given().get(path).then().log().ifValidationFails().statusCode(404).contentType("application/problem+json")
                    .body("code", is("not_found")).body("title", is("Not found"))
                    .body("type", is("https://aistudio.dev/problems/not_found"))
                    .body("detail", is("There is nothing at " + path + " (GET): no endpoint of this service has this path."))
                    .body("instance", is(path));
        }
        given().accept("text/html").delete("/api/notes/1/nope").then().statusCode(404)
                .contentType("application/problem+json").body("detail", is("There is nothing at /api/notes/1/nope"
                        + " (DELETE): no endpoint of this service has this path."));
    }

    @Test
    void aWrongMethodNamesTheMethodsThePathAllowsInTheBodyAndTheAllowHeader() {
        given().contentType(ContentType.JSON).body("{}").post("/api/notes/1").then().statusCode(405)
                .contentType("application/problem+json").header("Allow", "GET, HEAD, PUT, DELETE, OPTIONS")
                .body("code", is("method_not_allowed")).body("title", is("Method not allowed"))
                .body("detail", is("POST is not allowed on /api/notes/1; it allows GET, HEAD, PUT, DELETE, OPTIONS."))
                .body("instance", is("/api/notes/1"));
        given().delete("/api/notes").then().statusCode(405).header("Allow", "GET, HEAD, POST, OPTIONS")
                .body("detail", is("DELETE is not allowed on /api/notes; it allows GET, HEAD, POST, OPTIONS."));
        given().post("/api/notes/1/text").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
        // the longer class path takes the request, as JAX-RS matches it: /api/notes/{id} allows more
        given().delete("/api/notes/tags").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
        given().put("/api/notes/").then().statusCode(405).header("Allow", "GET, HEAD, POST, OPTIONS");
    }

    @Test
    void optionsAnswersTheMethodsOfThePathAskedAbout() {
        // Quarkus REST listed every method of the class (POST and DELETE for /api/notes/1/text too)
        given().options("/api/notes/1/text").then().statusCode(204).header("Allow", "GET, HEAD, OPTIONS");
        given().options("/api/notes/1").then().statusCode(204).header("Allow", "GET, HEAD, PUT, DELETE, OPTIONS");
        given().options("/api/notes/tags").then().statusCode(204).header("Allow", "GET, HEAD, OPTIONS");
        // and 200 for a path that does not exist
        given().options("/api/notes/1/nope").then().statusCode(404).contentType("application/problem+json")
                .header("Allow", nullValue()).body("code", is("not_found"))
                .body("detail", is("There is nothing at /api/notes/1/nope (OPTIONS): no endpoint of this service has this path."));
    }

    @Test
    void aBodyOfAnotherMediaTypeNamesWhatTheEndpointReads() {
        given().contentType("text/plain").body("hi").post("/api/notes").then().statusCode(415)
                .contentType("application/problem+json").body("code", is("unsupported_media_type"))
                .body("title", is("Unsupported media type"))
                .body("detail", is("POST /api/notes reads application/json; the request's Content-Type is text/plain"
                        + "; charset=ISO-8859-1."));
    }

    @Test
    void anAcceptTheEndpointCannotAnswerNamesWhatItAnswers() {
        given().accept("image/png").get("/api/notes").then().statusCode(406)
                .contentType("application/problem+json").body("code", is("not_acceptable"))
                .body("title", is("Not acceptable"))
                .body("detail", is("GET /api/notes answers application/json and the request's Accept is image/png"
                        + "; send an Accept header that includes one of those, or none."));
        given().accept("application/json").get("/api/notes/1/text").then().statusCode(406)
                .body("detail", is("GET /api/notes/1/text answers text/plain and the request's Accept is "
                        + "application/json; send an Accept header that includes one of those, or none."));
    }

    @Test
    void aValidationProblemSaysWhatFailedInItsDetail() {
        // quarkus-resteasy-problem's answer had no detail and the title "Bad Request"
        given().contentType(ContentType.JSON).body("{\"text\":\"\"}").post("/api/notes/checked").then().statusCode(400)
                .contentType("application/problem+json").body("code", is("validation_failed"))
                .body("title", is("Invalid request")).body("detail", is("text must not be blank"))
                .body("violations[0].field", is("text"));
        given().contentType(ContentType.JSON).body("null").post("/api/notes/checked").then().statusCode(400)
                .body("code", is("validation_failed")).body("detail", is("a JSON body is required"));
    }

    @Test
    void aBodyThatIsNotJsonIsAnInvalidJsonProblem() {
        given().contentType(ContentType.JSON).body("{\"text\":").post("/api/notes").then().statusCode(400)
                .contentType("application/problem+json").body("code", is("invalid_json"));
        given().contentType(ContentType.JSON).body("{\"text\":\"a\"}").post("/api/notes").then().statusCode(200)
                .body("text", is("a")).header("Allow", nullValue());
    }
}
