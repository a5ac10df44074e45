package dev.aistudio.user.session;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
     * An unknown username must cost a hash verification like a wrong password does, or response times tell which
     * usernames exist. Measured interleaved, compared as a ratio of medians with a wide margin (Argon2 takes tens of
     * milliseconds; skipping it would answer in about one).
     */
    @Test
    void unknownUserTakesAboutAsLongAsWrongPassword() {
        String username = api.newAccount("timing");
        List<Long> wrong = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Api fresh = new Api(); // a new address each round keeps the throttle out of the measurement
            wrong.add(time(() -> fresh.login(username, "wrong-password-" + Math.random()).then().statusCode(401)));
            unknown.add(time(() -> fresh.login(Api.uniqueName("nobody"), "whatever-pw").then().statusCode(401)));
            api.login(username, Api.PASSWORD).then().statusCode(200); // clears the account's failures
        }
        double ratio = (double) median(unknown) / median(wrong);
        assertThat("unknown/wrong median time ratio " + ratio, ratio, greaterThan(0.4));
    }

    private static long time(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
