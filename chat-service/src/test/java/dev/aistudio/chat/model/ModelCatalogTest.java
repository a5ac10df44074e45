package dev.aistudio.chat.model;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.aistudio.chat.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ModelCatalogTest {

    private final String token = TestIssuer.token(UUID.randomUUID());

    @Test
    void listsHuggingFaceModelsAsAvailableWhenTheTokenIsSet() {
        given().auth().oauth2(token).get("/api/chat/models").then().statusCode(200)
                .body("next", nullValue())
                .body("items.find { it.id == 'meta-llama/Llama-3.1-8B-Instruct' }.provider", is("huggingface"))
                .body("items.find { it.id == 'meta-llama/Llama-3.1-8B-Instruct' }.available", is(true))
                .body("items.find { it.id == 'meta-llama/Llama-3.1-8B-Instruct' }.family", is("llama"))
                .body("items.find { it.id == 'meta-llama/Llama-3.1-8B-Instruct' }.contextLength", is(131072))
                .body("items.findAll { it.provider == 'huggingface' }.family", hasItems("llama", "mistral", "codellama"));
    }

    @Test
    void listsTheOpenAiCompatibleServersModelsFromItsModelsEndpoint() {
        given().auth().oauth2(token).get("/api/chat/models").then().statusCode(200)
                .body("items.find { it.id == 'stub-echo' }.provider", is("openai"))
                .body("items.find { it.id == 'stub-echo' }.contextLength", is(4096))
                .body("items.find { it.id == 'stub-echo' }.available", is(true))
                // a server model with a catalog model's id gets a prefixed id instead of hiding either
                .body("items.id", hasItem("openai:meta-llama/Llama-3.1-8B-Instruct"));
    }

    @Test
    void alwaysListsTheOfflineModelClearlyLabelled() {
        given().auth().oauth2(token).get("/api/chat/models").then().statusCode(200)
                .body("items.find { it.offline == true }.id", equalTo("offline-echo"))
                .body("items.find { it.offline == true }.name", equalTo("Offline echo (not AI)"))
                .body("items.find { it.offline == true }.available", is(true))
                .body("items.findAll { it.offline == true }.size()", is(1));
    }

    @Test
    void refusesCallersWithoutAValidToken() {
        given().get("/api/chat/models").then().statusCode(401)
                .contentType("application/problem+json").body("code", is("unauthorized"));
        given().auth().oauth2("not-a-jwt").get("/api/chat/models").then().statusCode(401)
                .body("code", is("invalid_token"));
        given().auth().oauth2(TestIssuer.token(UUID.randomUUID().toString(), "another-audience"))
                .get("/api/chat/models").then().statusCode(401).body("code", is("invalid_token"));
    }
}
