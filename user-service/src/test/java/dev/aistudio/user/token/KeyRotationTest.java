package dev.aistudio.user.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import dev.aistudio.user.support.Api;
import dev.aistudio.user.support.UsersDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;

/**
 * Rotation publishes the next key before it signs, switches to it, and keeps the old public key until every token
 * it signed has expired. Time is moved by editing the keys' activation times.
 */
@QuarkusTest
class KeyRotationTest {

    private final Api api = new Api();

    @Inject
    SigningKeyService keys;

    @Test
    void rotationPublishesAheadSwitchesAndRetiresAfterTokensExpire() throws Throwable {
        String username = api.newAccount("rotate");
        rotate();
        String oldKid = kidOf(api.token(username));

        // The signing key is older than the rotation period: a successor is published, not yet signing.
        UsersDatabase.execute("update signing_keys set activates_at = now() - interval '31 days'");
        rotate();
        List<String> kids = UsersDatabase.strings("select kid from signing_keys order by activates_at");
        Assertions.assertEquals(2, kids.size(), "a successor key was created");
        String newKid = kids.get(1);
        given().get("/.well-known/jwks.json").then().body("keys.kid", hasItems(oldKid, newKid));
        Assertions.assertEquals(oldKid, kidOf(api.token(username)), "the successor does not sign before its time");

        // Its time has come: it signs, and the old key stays published while the old tokens live.
        UsersDatabase.execute("update signing_keys set activates_at = now() - interval '1 second' where kid = ?", newKid);
        rotate();
        String newToken = api.token(username);
        Assertions.assertEquals(newKid, kidOf(newToken));
        api.me(newToken).then().statusCode(200);
        given().get("/.well-known/jwks.json").then().body("keys.kid", hasItems(oldKid, newKid));

        // Once every token of the old key has expired, the old key is dropped.
        UsersDatabase.execute("update signing_keys set activates_at = now() - interval '10 minutes' where kid = ?", newKid);
        rotate();
        given().get("/.well-known/jwks.json").then().body("keys.kid", hasItem(newKid)).body("keys.kid", not(hasItem(oldKid)));
    }

    private void rotate() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> keys.rotateOnSchedule());
    }

    private static String kidOf(String token) {
        return TokenTest.part(token, 0).getString("kid");
    }
}
