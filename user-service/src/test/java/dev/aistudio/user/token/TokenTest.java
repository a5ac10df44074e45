package dev.aistudio.user.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.aistudio.user.support.Api;
import dev.aistudio.user.support.UsersDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/** Tokens minted here are accepted by a quarkus-oidc protected endpoint; forged, expired or foreign ones are not. */
@QuarkusTest
class TokenTest {

    private static final String ISSUER = "http://localhost:18081";
    private final Api api = new Api();

    @Test
    void tokenEndpointIssuesAnRs256BearerTokenWithSubjectAndSession() {
        String username = api.newAccount("tok");
        String token = api.post("/api/auth/token", Map.of("username", username, "password", Api.PASSWORD)).then()
                .statusCode(200)
                .body("token_type", is("Bearer"))
                .body("expires_in", is(300))
                .body("access_token", notNullValue())
                .extract().path("access_token");
        JsonPath header = part(token, 0);
        JsonPath claims = part(token, 1);
        org.junit.jupiter.api.Assertions.assertEquals("RS256", header.getString("alg"));
        org.junit.jupiter.api.Assertions.assertNotNull(header.getString("kid"));
        org.junit.jupiter.api.Assertions.assertEquals(ISSUER, claims.getString("iss"));
        org.junit.jupiter.api.Assertions.assertNotNull(claims.getString("sid"));
        org.junit.jupiter.api.Assertions.assertEquals(300L, claims.getLong("exp") - claims.getLong("iat"));

        String id = api.me(token).then().statusCode(200).body("username", is(username)).extract().path("id");
        org.junit.jupiter.api.Assertions.assertEquals(id, claims.getString("sub"));
    }

    @Test
    void tokenEndpointRefusesWrongPasswords() {
        String username = api.newAccount("tokbad");
        api.post("/api/auth/token", Map.of("username", username, "password", "nope-nope-nope")).then()
                .statusCode(401).body("code", is("invalid_credentials"));
    }

    @Test
    void missingOrGarbageBearerIs401Problem() {
        given().get("/api/auth/me").then()
                .statusCode(401).contentType("application/problem+json").body("code", is("unauthorized"))
                .header("WWW-Authenticate", "Bearer");
        given().auth().oauth2("not.a.jwt").get("/api/auth/me").then()
                .statusCode(401).contentType("application/problem+json").body("code", is("invalid_token"));
    }

    @Test
    void tokenSignedByAnotherKeyIsRefusedEvenWithAKnownKid() throws Exception {
        String username = api.newAccount("forge");
        String real = api.token(username);
        JsonPath claims = part(real, 1);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Jwt.issuer(ISSUER).subject(claims.getString("sub")).audience("ai-studio")
                .claim("sid", claims.getString("sid")).expiresIn(300)
                .jws().keyId(part(real, 0).getString("kid")).sign(generator.generateKeyPair().getPrivate());
        api.me(forged).then().statusCode(401).body("code", is("invalid_token"));
    }

    @Test
    void tamperedPayloadIsRefused() {
        String username = api.newAccount("tamper");
        String real = api.token(username);
        String[] parts = real.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"sub\":\"", "\"sub\":\"0");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        api.me(tampered).then().statusCode(401);
    }

    @Test
    void expiredTokenSignedWithTheRealKeyIsRefused() throws Exception {
        String username = api.newAccount("expired");
        String real = api.token(username);
        JsonPath claims = part(real, 1);
        String kid = part(real, 0).getString("kid");
        PrivateKey key = KeyUtils.decodePrivateKey(
                UsersDatabase.strings("select private_key_pem from signing_keys where kid = ?", kid).get(0));
        Instant past = Instant.now().minusSeconds(3600);
        String expired = Jwt.issuer(ISSUER).subject(claims.getString("sub")).audience("ai-studio")
                .claim("sid", claims.getString("sid")).issuedAt(past).expiresAt(past.plusSeconds(300))
                .jws().keyId(kid).sign(key);
        api.me(expired).then().statusCode(401).body("code", is("invalid_token"));

        String wrongAudience = Jwt.issuer(ISSUER).subject(claims.getString("sub")).audience("someone-else")
                .claim("sid", claims.getString("sid")).expiresIn(300).jws().keyId(kid).sign(key);
        api.me(wrongAudience).then().statusCode(401);

        String wrongIssuer = Jwt.issuer("http://evil.example").subject(claims.getString("sub")).audience("ai-studio")
                .claim("sid", claims.getString("sid")).expiresIn(300).jws().keyId(kid).sign(key);
        api.me(wrongIssuer).then().statusCode(401);

        String stillGood = Jwt.issuer(ISSUER).subject(claims.getString("sub")).audience("ai-studio")
                .claim("sid", claims.getString("sid")).expiresIn(300).jws().keyId(kid).sign(key);
        api.me(stillGood).then().statusCode(200);
    }

    @Test
    void discoveryPointsAtJwksThatHoldsTheSigningKey() {
        String username = api.newAccount("jwks");
        String kid = part(api.token(username), 0).getString("kid");
        given().get("/.well-known/openid-configuration").then()
                .statusCode(200)
                .body("issuer", is(ISSUER))
                .body("jwks_uri", is(ISSUER + "/.well-known/jwks.json"))
                .body("id_token_signing_alg_values_supported", hasItem("RS256"));
        given().get("/.well-known/jwks.json").then()
                .statusCode(200)
                .body("keys.kid", hasItem(kid))
                .body("keys.find { it.kid == '" + kid + "' }.kty", is("RSA"))
                .body("keys.find { it.kid == '" + kid + "' }.d", org.hamcrest.Matchers.nullValue());
    }

    static JsonPath part(String jwt, int index) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8));
    }
}
