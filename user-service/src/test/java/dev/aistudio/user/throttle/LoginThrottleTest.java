package dev.aistudio.user.throttle;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import dev.aistudio.user.support.Api;
import dev.aistudio.user.support.UsersDatabase;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LoginThrottleTest {

    @Test
    void fiveFailuresMakeTheAccountWaitEvenForTheRightPassword() {
        Api api = new Api();
        String username = api.newAccount("brute");
        for (int i = 0; i < 5; i++) {
            new Api().login(username, "guess-number-" + i).then().statusCode(401);
        }
        new Api().login(username, Api.PASSWORD).then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("code", is("too_many_attempts"))
                .header("Retry-After", notNullValue());
        new Api().post("/api/auth/token", java.util.Map.of("username", username, "password", Api.PASSWORD)).then()
                .statusCode(429);
    }

    @Test
    void theWaitEndsSoTheOwnerIsNotLockedOutForever() {
        Api api = new Api();
        String username = api.newAccount("victim");
        for (int i = 0; i < 6; i++) {
            new Api().login(username, "guess-" + i);
        }
        new Api().login(username, Api.PASSWORD).then().statusCode(429);
        // Move the last failure past the longest possible wait.
        UsersDatabase.execute("update login_throttle set last_failure_at = now() - interval '16 minutes' "
                + "where throttle_key = ?", "account:" + username);
        new Api().login(username, Api.PASSWORD).then().statusCode(200);
        // A success clears the account's count: one new failure does not throttle again.
        new Api().login(username, "wrong-again").then().statusCode(401);
        new Api().login(username, Api.PASSWORD).then().statusCode(200);
    }

    @Test
    void waitsGrowWithEachFailureUpToTheCap() {
        Api api = new Api();
        String username = api.newAccount("growing");
        for (int i = 0; i < 5; i++) {
            new Api().login(username, "guess-" + i);
        }
        int first = Integer.parseInt(new Api().login(username, Api.PASSWORD).then().statusCode(429).extract().header("Retry-After"));
        UsersDatabase.execute("update login_throttle set failures = 12 where throttle_key = ?", "account:" + username);
        int later = Integer.parseInt(new Api().login(username, Api.PASSWORD).then().statusCode(429).extract().header("Retry-After"));
        UsersDatabase.execute("update login_throttle set failures = 40 where throttle_key = ?", "account:" + username);
        int capped = Integer.parseInt(new Api().login(username, Api.PASSWORD).then().statusCode(429).extract().header("Retry-After"));
        org.junit.jupiter.api.Assertions.assertTrue(first <= 6, "first wait is the base delay, was " + first);
        org.junit.jupiter.api.Assertions.assertTrue(later > 300, "wait grew, was " + later);
        org.junit.jupiter.api.Assertions.assertTrue(capped <= 901, "wait is capped at 15 minutes, was " + capped);
    }

    @Test
    void oneAddressGuessingManyAccountsIsThrottledWithoutBlockingOtherAddresses() {
        Api attacker = new Api();
        Api setup = new Api();
        String target = setup.newAccount("spray");
        for (int i = 0; i < 20; i++) {
            attacker.login(Api.uniqueName("spray"), "some-guess").then().statusCode(401);
        }
        attacker.login(target, Api.PASSWORD).then().statusCode(429).body("code", is("too_many_attempts"));
        new Api().login(target, Api.PASSWORD).then().statusCode(200);
    }
}
