package dev.aistudio.image.job;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.aistudio.image.support.Client;
import dev.aistudio.image.support.HfStub;
import dev.aistudio.testing.EmbeddedPostgresResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ImageJobFlowTest {

    private final Client ana = new Client();

    @Test
    void offlineJobIsAcceptedRunsAndServesItsBytes() throws Exception {
        var accepted = ana.submit(Client.offline("a lighthouse at dusk")).then()
                .statusCode(202)
                .header("Location", containsString("/api/images/"))
                .body("status", is("queued"))
                .body("offline", is(true))
                .body("seed", is(7))
                .body("contentUrl", nullValue())
                .extract();
        String id = accepted.path("id");
        assertEquals("/api/images/" + id, accepted.header("Location"));

        ana.awaitStatus(id, "succeeded").then()
                .body("status", is("succeeded"))
                .body("contentType", is("image/png"))
                .body("generationMs", notNullValue())
                .body("startedAt", notNullValue())
                .body("finishedAt", notNullValue())
                .body("contentUrl", is("/api/images/" + id + "/content"));

        var content = ana.request().get("/api/images/" + id + "/content").then()
                .statusCode(200)
                .contentType("image/png")
                .header("Cache-Control", containsString("immutable"))
                .header("ETag", notNullValue())
                .extract();
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(content.asByteArray()));
        assertEquals(128, png.getWidth());
        assertEquals(96, png.getHeight());

        String etag = content.header("ETag");
        ana.request().header("If-None-Match", etag).get("/api/images/" + id + "/content").then().statusCode(304);
        byte[] part = ana.request().header("Range", "bytes=0-9").get("/api/images/" + id + "/content").then()
                .statusCode(206).header("Content-Range", "bytes 0-9/" + content.asByteArray().length)
                .extract().asByteArray();
        assertArrayEquals(Arrays.copyOf(content.asByteArray(), 10), part);
        // a range past the end is a problem too (was an empty 416), with the length the client can ask for instead
        ana.request().header("Range", "bytes=999999-").get("/api/images/" + id + "/content").then().statusCode(416)
                .contentType("application/problem+json").body("code", is("range_not_satisfiable"))
                .header("Content-Range", "bytes */" + content.asByteArray().length);
        ana.request().queryParam("download", true).get("/api/images/" + id + "/content").then()
                .header("Content-Disposition", containsString("attachment"));

        byte[] thumb = ana.request().get("/api/images/" + id + "/thumbnail").then()
                .statusCode(200).contentType("image/jpeg").extract().asByteArray();
        assertNotNull(ImageIO.read(new ByteArrayInputStream(thumb)), "the thumbnail decodes");
    }

    @Test
    void theOfflinePlaceholderIsDeterministic() {
        String first = ana.submitOk(Client.offline("same prompt"));
        String second = ana.submitOk(Client.offline("same prompt"));
        String third = ana.submitOk(Map.of("model", "offline-pattern", "prompt", "same prompt", "width", 128,
                "height", 96, "seed", 8));
        ana.awaitStatus(first, "succeeded");
        ana.awaitStatus(second, "succeeded");
        ana.awaitStatus(third, "succeeded");
        String a = ana.request().get("/api/images/" + first + "/content").header("ETag");
        String b = ana.request().get("/api/images/" + second + "/content").header("ETag");
        String c = ana.request().get("/api/images/" + third + "/content").header("ETag");
        assertEquals(a, b, "same prompt and seed, same picture");
        org.junit.jupiter.api.Assertions.assertNotEquals(a, c, "another seed, another picture");
    }

    @Test
    void huggingFaceGetsThePromptParametersAndToken() throws Exception {
        HfStub.client().register(post(urlEqualTo("/hf-inference/models/stabilityai/stable-diffusion-xl-base-1.0"))
                .withRequestBody(matchingJsonPath("$.inputs", equalTo("a red square")))
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(HfStub.png(64, 64, Color.RED))));
        String id = ana.submitOk(Map.of("model", "stabilityai/stable-diffusion-xl-base-1.0", "prompt", "a red square",
                "negativePrompt", "blurry", "width", 768, "height", 512, "steps", 20, "guidance", 6.5, "seed", 1234));
        ana.awaitStatus(id, "succeeded").then().body("status", is("succeeded")).body("provider", is("huggingface"))
                .body("offline", is(false)).body("attempts", is(1));

        HfStub.client().verifyThat(postRequestedFor(urlEqualTo("/hf-inference/models/stabilityai/stable-diffusion-xl-base-1.0"))
                .withHeader("Authorization", equalTo("Bearer " + HfStub.TOKEN))
                .withRequestBody(equalToJson("""
                        {"inputs": "a red square", "parameters": {"width": 768, "height": 512, "seed": 1234,
                         "num_inference_steps": 20, "guidance_scale": 6.5, "negative_prompt": "blurry"}}""")));
        byte[] bytes = ana.request().get("/api/images/" + id + "/content").then().statusCode(200).extract().asByteArray();
        assertEquals(Color.RED.getRGB(), ImageIO.read(new ByteArrayInputStream(bytes)).getRGB(10, 10));
    }

    @Test
    void deletingAQueuedOrRunningJobCancelsIt() {
        HfStub.client().register(post(urlEqualTo("/hf-inference/models/stabilityai/stable-diffusion-2-1"))
                .withRequestBody(matchingJsonPath("$.inputs", equalTo("slow cancel")))
                .willReturn(aResponse().withFixedDelay(1500).withHeader("Content-Type", "image/png")
                        .withBody(HfStub.png(32, 32, Color.BLUE))));
        String id = ana.submitOk(Map.of("model", "stabilityai/stable-diffusion-2-1", "prompt", "slow cancel"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "running".equals(ana.job(id).path("status")));
        ana.request().delete("/api/images/" + id).then().statusCode(200).body("status", is("cancelled"));
        // Past the moment the provider would have answered: the job stays cancelled, no image stored.
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                ana.job(id).then().body("status", is("cancelled")).body("contentUrl", nullValue()));
        ana.request().get("/api/images/" + id + "/content").then().statusCode(404);
    }

    @Test
    void deletingAFinishedImageDeletesItsBytes() throws Exception {
        String id = ana.submitOk(Client.offline("to be deleted"));
        ana.awaitStatus(id, "succeeded");
        ana.request().delete("/api/images/" + id).then().statusCode(204);
        ana.job(id).then().statusCode(404).contentType("application/problem+json").body("code", is("not_found"));
        ana.request().get("/api/images/" + id + "/content").then().statusCode(404);
        try (var c = EmbeddedPostgresResource.server().getDatabase("postgres", "studio_images").getConnection();
             var s = c.prepareStatement("select count(*) from image_blobs where job_id = ?::uuid")) {
            s.setString(1, id);
            var rs = s.executeQuery();
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    @Test
    void aJobWhoseWorkerDiedIsRunAgainWhenItsLeaseLapses() throws Exception {
        java.util.UUID id = java.util.UUID.randomUUID();
        EmbeddedPostgresResource.execute("studio_images", """
                insert into image_jobs (id, owner_id, model, provider, prompt, width, height, steps, guidance, seed,
                  status, attempts, next_attempt_at, lease_owner, lease_expires_at, created_at, started_at)
                values ('%s', '%s', 'offline-pattern', 'offline', 'orphaned by a crash', 64, 64, 20, 7.0, 3,
                  'running', 1, now(), 'a-worker-that-died', now() - interval '1 second', now(), now())
                """.formatted(id, ana.userId));
        ana.awaitStatus(id.toString(), "succeeded").then().body("status", is("succeeded")).body("attempts", is(2));
    }
}
