package dev.aistudio.image.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.awt.Color;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.aistudio.image.support.Client;
import dev.aistudio.image.support.HfStub;
import io.quarkus.test.junit.QuarkusTest;

/** HuggingFace's failure answers, each turned into a retry or a clear failure reason (max-attempts is 3 in tests). */
@QuarkusTest
class ProviderErrorsTest {

    private static final String MODEL = "stabilityai/stable-diffusion-2-1";
    private static final String PATH = "/hf-inference/models/" + MODEL;
    private final Client ana = new Client();

    @Test
    void aLoadingModelIsRetriedAfterItsEstimatedTime() {
        firstThen("loading", aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"Model stabilityai/stable-diffusion-2-1 is currently loading\",\"estimated_time\":0.5}"));
        String id = ana.submitOk(request("loading"));
        ana.awaitStatus(id, "succeeded").then().body("status", is("succeeded")).body("attempts", is(2));
    }

    @Test
    void rateLimitingIsRetriedHonouringRetryAfter() {
        firstThen("limited", aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("{\"error\":\"rate limited\"}"));
        String id = ana.submitOk(request("limited"));
        ana.awaitStatus(id, "succeeded").then().body("status", is("succeeded")).body("attempts", is(2));
    }

    @Test
    void aRejectedTokenFailsAtOnceWithAClearReason() {
        stub("unauthorized", aResponse().withStatus(401).withBody("{\"error\":\"Invalid credentials in Authorization header\"}"));
        String id = ana.submitOk(request("unauthorized"));
        ana.awaitStatus(id, "failed").then()
                .body("status", is("failed"))
                .body("attempts", is(1))
                .body("error.code", is("provider_rejected_token"))
                .body("error.detail", containsString("HF_TOKEN"));
    }

    @Test
    void serverErrorsAreRetriedThenTheJobFails() {
        stub("broken", aResponse().withStatus(500).withBody("internal error"));
        String id = ana.submitOk(request("broken"));
        ana.awaitStatus(id, "failed").then()
                .body("status", is("failed"))
                .body("attempts", is(3))
                .body("error.code", is("provider_error"))
                .body("error.detail", containsString("gave up after 3 attempts"));
        HfStub.client().verifyThat(3, postRequestedFor(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.inputs", equalTo("broken"))));
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() {
        firstThen("slow", aResponse().withFixedDelay(3000).withHeader("Content-Type", "image/png")
                .withBody(HfStub.png(8, 8, Color.GREEN)));
        String id = ana.submitOk(request("slow"));
        ana.awaitStatus(id, "succeeded").then().body("status", is("succeeded")).body("attempts", is(2));
    }

    @Test
    void somethingThatIsNotAnImageFailsTheJob() {
        stub("html", aResponse().withHeader("Content-Type", "text/html").withBody("<html>oops</html>"));
        String html = ana.submitOk(request("html"));
        stub("garbage", aResponse().withHeader("Content-Type", "image/png").withBody(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
        String garbage = ana.submitOk(request("garbage"));
        ana.awaitStatus(html, "failed").then().body("error.code", is("invalid_image")).body("error.detail", containsString("text/html"));
        ana.awaitStatus(garbage, "failed").then().body("error.code", is("invalid_image"));
    }

    @Test
    void anUnknownModelAtTheProviderFailsWithItsMessage() {
        stub("refused", aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"Input validation error: inputs too long\"}"));
        String id = ana.submitOk(request("refused"));
        ana.awaitStatus(id, "failed").then()
                .body("error.code", is("provider_rejected_request"))
                .body("error.detail", containsString("inputs too long"));
    }

    private static Map<String, Object> request(String prompt) {
        return Map.of("model", MODEL, "prompt", prompt, "width", 256, "height", 256);
    }

    private static MappingBuilder forPrompt(String prompt) {
        return post(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.inputs", equalTo(prompt)));
    }

    private static void stub(String prompt, ResponseDefinitionBuilder answer) {
        HfStub.client().register(forPrompt(prompt).willReturn(answer));
    }

    /** The first call gets the failure, later calls a good image. */
    private static void firstThen(String prompt, ResponseDefinitionBuilder failure) {
        HfStub.client().register(forPrompt(prompt).inScenario(prompt).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(failure).willSetStateTo("recovered"));
        HfStub.client().register(forPrompt(prompt).inScenario(prompt).whenScenarioStateIs("recovered")
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(HfStub.png(16, 16, Color.GRAY))));
    }
}
