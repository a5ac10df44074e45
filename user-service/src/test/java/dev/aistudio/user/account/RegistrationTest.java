package dev.aistudio.user.account;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.aistudio.user.support.Api;
import dev.aistudio.user.support.UsersDatabase;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RegistrationTest {

    private final Api api = new Api();

    @Test
    void registerCreatesAccountSignsInAndNeverReturnsTheHash() {
        String username = Api.uniqueName("Reg");
        api.register(username, Api.PASSWORD).then()
                .statusCode(201)
                .contentType("application/json")
                .body("user.username", equalTo(username.toLowerCase()))
                .body("user.id", notNullValue())
                .body("user.createdAt", notNullValue())
                .body("user.passwordHash", nullValue())
                .body("session.id", notNullValue())
                .cookie("studio_session", notNullValue())
                .header("Set-Cookie", containsString("HttpOnly"))
                .header("Set-Cookie", containsString("SameSite=Lax"))
                .header("Set-Cookie", containsString("Path=/"));
    }

    @Test
    void storedPasswordIsAnArgon2idHash() {
        String username = api.newAccount("hash");
        String hash = UsersDatabase.strings("select password_hash from accounts where username = ?", username).get(0);
        org.hamcrest.MatcherAssert.assertThat(hash, containsString("$argon2id$v=19$m=19456,t=2,p=1$"));
    }

    @Test
    void usernameIsTakenWhateverItsCase() {
        String username = api.newAccount("dup");
        api.register(username.toUpperCase(), "another-fine-passphrase").then()
                .statusCode(409).contentType("application/problem+json").body("code", is("username_taken"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "ab", "a-name-that-is-far-too-long-for-us-1", "_leading", "space name", "ünïcödé",
            "robert'); drop table accounts;--", "<script>alert(1)</script>", "emoji😀name", "" })
    void badUsernamesAreRefusedNamingTheField(String username) {
        api.register(username, Api.PASSWORD).then()
                .statusCode(400).contentType("application/problem+json")
                .body("code", is("invalid_username"))
                .body("violations.field", hasItem("username"));
    }

    @Test
    void sqlInAUsernameIsRefusedAndTheTableSurvives() {
        api.register("x'; delete from accounts; --", Api.PASSWORD).then().statusCode(400);
        org.junit.jupiter.api.Assertions.assertFalse(UsersDatabase.strings("select count(*) from accounts").get(0).equals("0"));
    }

    @Test
    void aFieldTheBodyMayNotHaveIsRefusedNamingItAndNothingIsCreated() {
        // read leniently, the field was dropped and the account made without it: a typo went unnoticed
        String username = Api.uniqueName("extra");
        api.post("/api/auth/register", Map.of("username", username, "password", Api.PASSWORD, "email", "a@b.c")).then()
                .statusCode(400).contentType("application/problem+json")
                .body("code", is("unknown_field"))
                .body("violations.field", hasItem("email"))
                .body("detail", containsString("known: password, username"));
        api.register(username, Api.PASSWORD).then().statusCode(201);
    }

    @Test
    void aValueOfTheWrongKindIsNamedWithWhatItMustBeNeverAJavaType() {
        // Jackson's own message named java.lang.String and the request record's class
        api.post("/api/auth/register", Map.of("username", java.util.List.of("a"), "password", Api.PASSWORD)).then()
                .statusCode(400).contentType("application/problem+json")
                .body("code", is("invalid_json"))
                .body("violations.field", hasItem("username"))
                .body("detail", is("username must be a string"));
        api.post("/api/auth/register", java.util.List.of(1, 2)).then()
                .statusCode(400).contentType("application/problem+json")
                .body("code", is("invalid_json"))
                .body("detail", is("The request body must be a JSON object."));
    }

    @Test
    void aNulCharacterIsRefusedNamingTheFieldNotAServerError() {
        // PostgreSQL cannot store NUL in text: without the check this failed in the database and answered 500
        api.post("/api/auth/token", Map.of("username", "nul\u0000name", "password", Api.PASSWORD)).then()
                .statusCode(400).contentType("application/problem+json")
                .body("code", is("invalid_text")).body("violations.field", hasItem("username"));
        api.register("nul\u0000name", Api.PASSWORD).then().statusCode(400).body("code", is("invalid_text"));
        api.register(Api.uniqueName("nulpass"), "a-long-password\u0000").then().statusCode(400)
                .body("violations.field", hasItem("password"));
    }

    @Test
    void passwordLengthFollowsNist() {
        api.register(Api.uniqueName("short"), "seven77").then()
                .statusCode(400).body("code", is("invalid_password_length")).body("violations.field", hasItem("password"));
        api.register(Api.uniqueName("long"), "x1".repeat(65)).then()
                .statusCode(400).body("code", is("invalid_password_length"));
        api.register(Api.uniqueName("exact"), "ab".repeat(64)).then().statusCode(201);
    }

    @Test
    void commonPasswordsAreRefused() {
        for (String common : new String[] { "password1", "Password123", "qwertyuiop", "iloveyou1" }) {
            api.register(Api.uniqueName("common"), common).then()
                    .statusCode(400).body("code", is("password_too_common"));
        }
    }

    @Test
    void passwordMayNotContainTheUsernameOrRepeatOneCharacter() {
        String username = Api.uniqueName("ctx");
        api.register(username, "my-" + username + "-pass").then().statusCode(400).body("code", is("password_contains_username"));
        api.register(Api.uniqueName("rep"), "zzzzzzzzzzzz").then().statusCode(400).body("code", is("password_too_simple"));
    }

    @Test
    void unicodePasswordsCountCharactersNotBytesAndWork() {
        String username = Api.uniqueName("uni");
        String password = "пароль日本語🔑ok";
        api.register(username, password).then().statusCode(201);
        api.login(username, password).then().statusCode(200);
        api.register(Api.uniqueName("uni"), "日本語🔑").then().statusCode(400).body("code", is("invalid_password_length"));
    }

    @Test
    void missingFieldsAndMissingBodyAreClear400s() {
        api.post("/api/auth/register", Map.of("username", Api.uniqueName("nopw"))).then()
                .statusCode(400).contentType("application/problem+json")
                .body("code", is("validation_failed")).body("violations.field", hasItem("password"));
        api.request().post("/api/auth/register").then()
                .statusCode(400).contentType("application/problem+json").body("code", is("validation_failed"));
    }

    @Test
    void wrongTypesAndMalformedJsonAreClear400s() {
        api.request().body("{\"username\": {\"nested\": 1}, \"password\": \"whatever-long\"}").post("/api/auth/register")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", is("invalid_json")).body("violations.field", hasItem("username"));
        api.request().body("{\"username\": \"abc\", \"password\": [1, 2]}").post("/api/auth/register")
                .then().statusCode(400).contentType("application/problem+json").body("code", is("invalid_json"));
        api.request().body("{not json").post("/api/auth/register")
                .then().statusCode(400).contentType("application/problem+json").body("code", is("invalid_json"))
                .body("type", is("https://aistudio.dev/problems/invalid_json"));
    }

    @Test
    void oversizedBodiesAndWrongMediaTypesAreRefused() {
        String huge = "{\"username\": \"" + "a".repeat(70_000) + "\", \"password\": \"x\"}";
        api.request().body(huge).post("/api/auth/register").then()
                .statusCode(413).contentType("application/problem+json").body("code", is("payload_too_large"));
        api.request().contentType("text/plain").body("hello").post("/api/auth/register").then()
                .statusCode(415).contentType("application/problem+json").body("code", is("unsupported_media_type"))
                .body("detail", is("POST /api/auth/register reads application/json; the request's Content-Type is "
                        + "text/plain; charset=ISO-8859-1."));
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        // the details were Quarkus' "Unable to find matching target resource method" and "HTTP 405 Method Not Allowed"
        api.request().get("/api/auth/nothing-here").then()
                .statusCode(404).contentType("application/problem+json").body("code", is("not_found"))
                .body("detail", is("There is nothing at /api/auth/nothing-here (GET): no endpoint of this service has this path."));
        api.request().delete("/api/auth/login").then()
                .statusCode(405).contentType("application/problem+json").body("code", is("method_not_allowed"))
                .header("Allow", "POST, OPTIONS")
                .body("detail", is("DELETE is not allowed on /api/auth/login; it allows POST, OPTIONS."));
        api.request().post("/api/auth/me").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
        api.request().options("/api/auth/me").then().statusCode(204).header("Allow", "GET, HEAD, OPTIONS");
    }
}
