package dev.aistudio.user.session;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import dev.aistudio.user.support.Api;

@io.quarkus.test.junit.QuarkusTest
class LoginTest {

    private final Api api = new Api();

    @Test
    void loginIsCaseInsensitiveAndSetsTheSessionCookie() {
        String username = api.newAccount("login");
        api.login(username.toUpperCase(), Api.PASSWORD).then()
                .statusCode(200)
                .body("user.username", is(username.toLowerCase()))
                .body("session.expiresAt", notNullValue())
                .cookie("studio_session", notNullValue());
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        String username = api.newAccount("wrong");
        api.login(username, "not-the-password").then()
                .statusCode(401).contentType("application/problem+json").body("code", is("invalid_credentials"));
        api.login(Api.uniqueName("ghost"), "not-the-password").then()
                .statusCode(401).contentType("application/problem+json").body("code", is("invalid_credentials"));
    }

    /**
     * An unknown username must cost a full Argon2id verification (against a decoy hash) like a wrong password does,
     * or response times would tell which usernames exist. Counted, not timed: timing on a shared machine is noise.
     */
    @Test
    void anUnknownUserCostsTheSameArgon2VerificationAsAWrongPassword() {
        String username = api.newAccount("timing");
        double before = verifications();
        new Api().login(Api.uniqueName("nobody"), "whatever-pw").then().statusCode(401);
        double afterUnknown = verifications();
        new Api().login(username, "wrong-password").then().statusCode(401);
        double afterWrong = verifications();
        assertThat(afterUnknown - before, is(1.0));
        assertThat(afterWrong - afterUnknown, is(1.0));
    }

    private static double verifications() {
        String metrics = io.restassured.RestAssured.given().get("/q/metrics").asString();
        return metrics.lines().filter(l -> l.startsWith("auth_password_verifications_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
