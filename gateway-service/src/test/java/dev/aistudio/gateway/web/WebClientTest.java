package dev.aistudio.gateway.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.aistudio.gateway.support.Backends;
import io.quarkus.test.junit.QuarkusTest;

/** Local mode: the built web client served at / (test build: index.html and one hashed asset). */
@QuarkusTest
class WebClientTest {

    @Test
    void indexIsServedAtTheRootAndRevalidatedOnEveryLoad() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Cache-Control", is("no-cache")).body(containsString("AI Studio 3D"));
    }

    @Test
    void hashedAssetsAreCachedForAYear() {
        given().get("/assets/index-3f9a2c.js").then().statusCode(200)
                .header("Cache-Control", containsString("max-age=31536000"))
                .header("Cache-Control", containsString("immutable"))
                .body(is(Backends.WebBuild.SCRIPT));
    }

    @Test
    void clientSideRoutesFallBackToIndex() {
        given().accept("text/html").get("/gallery/42").then().statusCode(200)
                .header("Cache-Control", is("no-cache")).body(containsString("<div id=\"root\">"));
    }

    @Test
    void aMissingAssetIs404() {
        given().get("/assets/index-000000.js").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void withoutABuildTheRootSaysSo() throws IOException {
        Path index = Backends.webDir().resolve("index.html");
        Path aside = Backends.webDir().resolve("index.html.aside");
        Files.move(index, aside);
        try {
            given().get("/").then().statusCode(200).contentType(containsString("text/plain"))
                    .body(containsString("web client is not built"));
        } finally {
            Files.move(aside, index);
        }
    }
}
