package dev.aistudio.user.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.aistudio.user.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class PasswordChangeTest {

    private static final String NEW_PASSWORD = "amber-orchard-compass";

    private final Api api = new Api();

    private Response change(String token, String current, String next) {
        return given().header("X-Forwarded-For", api.address()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", current, "newPassword", next)).put("/api/auth/password");
    }

    @Test
    void theNewPasswordSignsInTheOldOneNoLongerAndOnlyTheCallersSessionStays() {
        String username = api.newAccount("changer");
        String bystander = api.newAccount("bystander");
        String otherDevice = api.sessionCookie(username);
        String bystanderSession = api.sessionCookie(bystander);
        String token = api.token(username);

        change(token, Api.PASSWORD, NEW_PASSWORD).then().statusCode(204);

        api.login(username, Api.PASSWORD).then().statusCode(401).body("code", is("invalid_credentials"));
        api.login(username, NEW_PASSWORD).then().statusCode(200);
        api.me(token).then().statusCode(200).body("username", is(username));
        api.exchange(otherDevice).then().statusCode(401).body("code", is("session_ended"));
        api.exchange(bystanderSession).then().statusCode(200);
    }

    @Test
    void aWrongCurrentPasswordChangesNothingAndCountsAsAFailedSignIn() {
        String username = api.newAccount("wrongcurrent");
        String token = api.token(username);

        change(token, "not-my-password", NEW_PASSWORD).then().statusCode(400).contentType("application/problem+json")
                .body("code", is("wrong_password")).body("violations.field", hasItem("currentPassword"));
        api.login(username, Api.PASSWORD).then().statusCode(200);
        api.login(username, NEW_PASSWORD).then().statusCode(401);

        // the sign-in with the new password above failed once; four more wrong guesses here reach the limit of five
        for (int i = 0; i < 4; i++) {
            change(token, "guess-" + i, NEW_PASSWORD).then().statusCode(400);
        }
        change(token, Api.PASSWORD, NEW_PASSWORD).then().statusCode(429).body("code", is("too_many_attempts"))
                .header("Retry-After", notNullValue());
        new Api().login(username, NEW_PASSWORD).then().statusCode(429);
    }

    @Test
    void theNewPasswordFollowsTheSignUpRulesNamedAsNewPassword() {
        String username = api.newAccount("rules");
        String token = api.token(username);

        change(token, Api.PASSWORD, "short").then().statusCode(400)
                .body("code", is("invalid_password_length")).body("violations.field", hasItem("newPassword"));
        change(token, Api.PASSWORD, "password123").then().statusCode(400).body("code", is("password_too_common"));
        change(token, Api.PASSWORD, "my-" + username + "-pass").then().statusCode(400)
                .body("code", is("password_contains_username"));
        change(token, Api.PASSWORD, Api.PASSWORD).then().statusCode(400).body("code", is("password_unchanged"));
        api.login(username, Api.PASSWORD).then().statusCode(200);
    }

    @Test
    void badRequestsAreClearAndNeedASignedInCaller() {
        String username = api.newAccount("badchange");
        String token = api.token(username);

        given().contentType(ContentType.JSON).body(Map.of("currentPassword", Api.PASSWORD, "newPassword", NEW_PASSWORD))
                .put("/api/auth/password").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("newPassword", NEW_PASSWORD))
                .put("/api/auth/password").then().statusCode(400).body("code", is("validation_failed"))
                .body("violations.field", hasItem("currentPassword"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", Api.PASSWORD, "password", NEW_PASSWORD))
                .put("/api/auth/password").then().statusCode(400).body("code", is("unknown_field"));
        given().auth().oauth2(token).contentType(ContentType.JSON).put("/api/auth/password").then().statusCode(400);

        // a token whose session ended cannot change the password
        given().auth().oauth2(token).post("/api/auth/logout").then().statusCode(204);
        change(token, Api.PASSWORD, NEW_PASSWORD).then().statusCode(401).body("code", is("session_ended"));
        api.login(username, Api.PASSWORD).then().statusCode(200);
    }
}
