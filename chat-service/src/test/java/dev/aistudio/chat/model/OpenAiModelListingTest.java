package dev.aistudio.chat.model;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.aistudio.chat.config.ChatConfig;
import dev.aistudio.chat.config.OpenAiConfig;
import dev.aistudio.chat.model.OpenAiModelListing.Snapshot;
import dev.aistudio.chat.provider.Providers;
import dev.aistudio.chat.provider.openai.OpenAiCompatibleProvider.ListedModel;
import dev.aistudio.chat.testing.StubProvider;
import dev.aistudio.chat.testing.StubProvider.ModelsMode;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * The OpenAI-compatible server's model list against the stub provider's {@code /v1/models}, slow or failing: nobody
 * waits long for it, the last good listing is served while it fails, and it is asked again in the background.
 */
@QuarkusTest
class OpenAiModelListingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Providers providers;
    @Inject
    Vertx vertx;
    @Inject
    ObjectMapper json;
    @Inject
    OpenAiConfig openAiConfig;
    @Inject
    ChatConfig chatConfig;

    @AfterEach
    void stubAnswersAgain() {
        StubProvider.MODELS.set(ModelsMode.ok);
    }

    @Test
    void aSlowFirstListingIsNotWaitedForAndIsUsedOnceItArrives() {
        StubProvider.MODELS.set(ModelsMode.slow); // the stub answers after 3 s; a request waits 0.2 s at most
        OpenAiModelListing listing = listing(Duration.ofMinutes(1));

        Snapshot first = snapshot(listing);
        assertFalse(first.listed());
        assertTrue(first.models().isEmpty());
        assertNotNull(first.problem(), "the answer says why the server's models are missing");

        // the read that was started goes on, and its answer is used: no request has to come at the right moment
        await().atMost(WAIT).until(() -> snapshot(listing).listed());
        assertTrue(ids(snapshot(listing)).contains("stub-echo"));
        assertEquals("Bearer " + StubProvider.OPENAI_KEY, StubProvider.modelsAuthorization());
    }

    @Test
    void aFailingServerKeepsItsLastGoodListingAndIsAskedAgainInTheBackground() {
        OpenAiModelListing listing = listing(Duration.ofMillis(300));
        await().atMost(WAIT).until(() -> snapshot(listing).listed());
        Instant firstListed = snapshot(listing).listedAt();

        StubProvider.MODELS.set(ModelsMode.fail);
        Snapshot failing = await().atMost(WAIT).until(() -> snapshot(listing), s -> s.problem() != null);
        assertTrue(failing.listed(), "the last good listing is still served");
        assertTrue(ids(failing).contains("stub-echo"));
        assertTrue(failing.problem().contains("500"), failing.problem());

        // retried on a timer, with no request asking for the list
        int asked = StubProvider.modelsCalls();
        await().atMost(WAIT).until(() -> StubProvider.modelsCalls() >= asked + 2);

        StubProvider.MODELS.set(ModelsMode.ok);
        await().atMost(WAIT).until(() -> {
            Snapshot now = snapshot(listing);
            return now.problem() == null && now.listedAt().isAfter(firstListed);
        });
    }

    @Test
    void beforeTheFirstListingTheCatalogShowsTheServerUnavailableWithTheReasonAndAsksToRetry() {
        StubProvider.MODELS.set(ModelsMode.fail);
        ModelCatalog catalog = new ModelCatalog(json, providers, openAiConfig, chatConfig, vertx, Optional.empty());

        List<ModelEntry> models = catalog.list().await().atMost(WAIT);
        ModelEntry placeholder = models.stream().filter(m -> m.id().equals(ModelCatalog.NOT_LISTED_ID)).findFirst()
                .orElseThrow();
        assertFalse(placeholder.available());
        assertTrue(placeholder.unavailableReason().contains("/v1/models"), placeholder.unavailableReason());
        assertTrue(models.stream().anyMatch(m -> m.offline() && m.available()), "the offline model is always there");
        assertNull(models.stream().filter(m -> m.id().equals(ModelCatalog.OFFLINE_ID)).findFirst().orElseThrow()
                .unavailableReason());

        HttpProblem notYet = assertThrows(HttpProblem.class, () -> catalog.resolve("stub-echo").await().atMost(WAIT));
        assertEquals(503, notYet.getStatusCode());
        assertEquals("models_not_listed", notYet.getParameters().get("code"));

        StubProvider.MODELS.set(ModelsMode.ok); // the next background attempt lists it; the placeholder goes
        await().atMost(WAIT).until(() -> catalog.list().await().atMost(WAIT).stream()
                .noneMatch(m -> m.id().equals(ModelCatalog.NOT_LISTED_ID)));
        assertTrue(catalog.resolve("stub-echo").await().atMost(WAIT).available());
    }

    private OpenAiModelListing listing(Duration ttl) {
        return new OpenAiModelListing("the stub", providers.openAi()::listModels, vertx, ttl, Duration.ofMillis(200),
                Duration.ofSeconds(10), Duration.ofMillis(100));
    }

    private static Snapshot snapshot(OpenAiModelListing listing) {
        return listing.snapshot().await().atMost(WAIT);
    }

    private static List<String> ids(Snapshot snapshot) {
        return snapshot.models().stream().map(ListedModel::id).toList();
    }
}
