package dev.aistudio.user.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.aistudio.user.support.Api;
import dev.aistudio.user.support.UsersDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Credentials are read as written: a number or true where a string belongs, or a key given twice, is a 400 naming the
 * field, and nothing is created, signed in or counted. Read leniently, {@code {"username": 123}} registered "123" and
 * {@code "password": "wrong", "password": "<right>"} signed in with the last one.
 */
@QuarkusTest
class BodyValuesTest {

    private final Api api = new Api();

    @Test
    void registeringWithANumberOrTrueForAStringIsRefusedAndCreatesNoAccount() {
        String name = "n" + System.nanoTime() % 1_000_000_000L;
        refused(register("{\"username\":" + name.substring(1) + ",\"password\":\"" + Api.PASSWORD + "\"}"),
                "username", "must be a string");
        refused(register("{\"username\":\"" + name + "\",\"password\":123456789012345}"), "password", "must be a string");
        refused(register("{\"username\":\"" + name + "\",\"password\":true}"), "password", "must be a string");
        refused(register("{\"username\":[\"" + name + "\"],\"password\":\"" + Api.PASSWORD + "\"}"), "username",
                "must be a string");

        assertEquals(List.of("0"), UsersDatabase.strings("select count(*) from accounts where username in (?, ?)",
                name, name.substring(1)));
    }

    @Test
    void aKeyGivenTwiceIsRefusedAndCreatesNoAccount() {
        String first = Api.uniqueName("first");
        String second = Api.uniqueName("second");
        refused(register("{\"username\":\"" + first + "\",\"username\":\"" + second + "\",\"password\":\"" + Api.PASSWORD
                + "\"}"), "username", "is given more than once");

        assertEquals(List.of("0"), UsersDatabase.strings("select count(*) from accounts where username in (?, ?)",
                first.toLowerCase(), second.toLowerCase()));
    }

    @Test
    void signingInWithANumberOrARepeatedKeyIsRefusedOpensNoSessionAndCountsNoFailure() {
        String username = api.newAccount("strict");
        String sessionsBefore = sessions(username);

        for (String path : new String[] { "/api/auth/login", "/api/auth/token" }) {
            refused(post(path, "{\"username\":\"" + username + "\",\"password\":12345}"), "password", "must be a string");
            refused(post(path, "{\"username\":42,\"password\":\"" + Api.PASSWORD + "\"}"), "username", "must be a string");
            // read leniently, the last password won and this signed in
            refused(post(path, "{\"username\":\"" + username + "\",\"password\":\"wrong\",\"password\":\"" + Api.PASSWORD
                    + "\"}"), "password", "is given more than once");
        }

        assertEquals(sessionsBefore, sessions(username));
        assertEquals(List.of("0"), UsersDatabase.strings(
                "select count(*) from login_throttle where throttle_key in (?, ?, ?)",
                "account:" + username, "account:" + username.toLowerCase(), "address:" + api.address()));
        api.login(username, Api.PASSWORD).then().statusCode(200);
    }

    @Test
    void aPasswordChangeOrLogoutWithValuesOfTheWrongKindChangesNothing() {
        String username = api.newAccount("change");
        String token = api.token(username);
        String hash = UsersDatabase.strings("select password_hash from accounts where username = ?", username).get(0);

        refused(given().auth().oauth2(token).contentType("application/json")
                .body("{\"currentPassword\":\"" + Api.PASSWORD + "\",\"newPassword\":1234567890123456}")
                .put("/api/auth/password").then(), "newPassword", "must be a string");
        refused(given().auth().oauth2(token).contentType("application/json").body("{\"everywhere\":\"true\"}")
                .post("/api/auth/logout").then(), "everywhere", "must be true or false");
        refused(given().auth().oauth2(token).contentType("application/json").body("{\"everywhere\":1}")
                .post("/api/auth/logout").then(), "everywhere", "must be true or false");

        assertEquals(hash, UsersDatabase.strings("select password_hash from accounts where username = ?", username).get(0));
        api.me(token).then().statusCode(200).body("username", is(username.toLowerCase()));
    }

    @Test
    void aPasswordWithAnUnpairedSurrogateIsRefusedSoNoOtherPasswordMatchesIt() {
        // U+D800 alone has no UTF-8 form and was hashed as '?': this account then signed in with U+DFFF in its place too
        String name = Api.uniqueName("lone");
        String password = "a long passphrase \\ud800 of mine";
        response(register("{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}"), "invalid_text", "password",
                "must be valid Unicode text: it has an unpaired surrogate (\\ud800-\\udfff), which cannot be stored");
        assertEquals(List.of("0"), UsersDatabase.strings("select count(*) from accounts where username = ?",
                name.toLowerCase()));

        String username = api.newAccount("pair");
        String token = api.token(username);
        response(given().auth().oauth2(token).contentType("application/json").body("{\"currentPassword\":\"" + Api.PASSWORD
                + "\",\"newPassword\":\"another long passphrase \\udfff\"}").put("/api/auth/password").then(),
                "invalid_text", "newPassword", "must be valid Unicode text: it has an unpaired surrogate (\\ud800-\\udfff),"
                        + " which cannot be stored");
        api.login(username, Api.PASSWORD).then().statusCode(200);
    }

    private ValidatableResponse register(String body) {
        return post("/api/auth/register", body);
    }

    private ValidatableResponse post(String path, String body) {
        return api.request().body(body).post(path).then();
    }

    private static String sessions(String username) {
        return UsersDatabase.strings("select count(*) from sessions s join accounts a on a.id = s.account_id"
                + " where a.username = ? and s.revoked_at is null", username.toLowerCase()).get(0);
    }

    private static void refused(ValidatableResponse response, String field, String message) {
        response(response, "invalid_json", field, message);
    }

    private static void response(ValidatableResponse response, String code, String field, String message) {
        response.log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("code", is(code))
                .body("violations.field", contains(field))
                .body("violations.message", contains(message));
    }
}
