package dev.aistudio.chat.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.aistudio.chat.config.ChatConfig;
import dev.aistudio.chat.config.OpenAiConfig;
import dev.aistudio.problem.Problems;
import dev.aistudio.problem.StrictJson;
import dev.aistudio.chat.provider.ChatProvider;
import dev.aistudio.chat.provider.Providers;
import dev.aistudio.chat.provider.offline.OfflineProvider;
import dev.aistudio.chat.provider.openai.OpenAiCompatibleProvider;
import dev.aistudio.chat.provider.openai.OpenAiCompatibleProvider.ListedModel;
import io.quarkus.runtime.Startup;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The models a person can pick: the catalog file (built-in, or STUDIO_MODELS_FILE), the models an OpenAI-compatible
 * server lists at {@code /v1/models}, and always the offline model.
 */
// built at start, not on the first request's event loop: it builds REST clients and reads the catalog
@Startup
@ApplicationScoped
public class ModelCatalog {

    public static final String OFFLINE_ID = "offline-echo";
    /** The entry standing for an OpenAI-compatible server's models until they are listed. */
    public static final String NOT_LISTED_ID = "openai:not-listed";
    private static final int DEFAULT_CONTEXT = 8192;

    private final List<ModelEntry.Declared> declared;
    private final Providers providers;
    private final OpenAiConfig config;
    private final ChatConfig chat;

    private final OpenAiModelListing listing;
    // the entries last built, and the listing they were built from: requests reuse them until the listing changes
    private volatile Built built;

    private record Built(OpenAiModelListing.Snapshot from, List<ModelEntry> entries) {
    }

    public ModelCatalog(ObjectMapper json, Providers providers, OpenAiConfig config, ChatConfig chat, Vertx vertx,
            @ConfigProperty(name = "studio.models-file") Optional<String> modelsFile) {
        this.providers = providers;
        this.config = config;
        this.chat = chat;
        this.declared = withOffline(load(json, modelsFile.filter(f -> !f.isBlank())));
        OpenAiCompatibleProvider openAi = providers.openAi();
        this.listing = openAi.available()
                ? new OpenAiModelListing(config.baseUrl().orElse("?"), openAi::listModels, vertx,
                        config.modelsCacheTtl(), config.modelsFirstWait(), config.modelsTimeout(),
                        config.modelsRetry())
                : null;
        if (listing != null) {
            listing.refresh(); // at start, so the first person to ask usually finds the models listed
        }
    }

    /** Every model, available or not, in catalog order. */
    public Uni<List<ModelEntry>> list() {
        if (listing == null) {
            return Uni.createFrom().item(() -> entries(null));
        }
        return listing.snapshot().map(this::entries);
    }

    /**
     * The model to use: the one asked for, else the configured default, else the first available. Unknown and
     * unavailable models are a 400 the client can fix; a model that may be the OpenAI-compatible server's, while that
     * server has not been listed yet, is a 503 to retry.
     */
    public Uni<ModelEntry> resolve(String requested) {
        return listed().map(snapshot -> {
            List<ModelEntry> all = entries(snapshot);
            String wanted = requested != null && !requested.isBlank() ? requested
                    : chat.defaultModel().filter(m -> !m.isBlank()).orElse(null);
            if (wanted == null) {
                return all.stream().filter(m -> m.available() && !m.offline()).findFirst()
                        .orElseGet(() -> all.stream().filter(ModelEntry::offline).findFirst().orElseThrow());
            }
            ModelEntry model = find(all, wanted).orElseThrow(() -> unknown(wanted, snapshot));
            if (!model.available()) {
                throw Problems.of(400, "model_unavailable", "Model unavailable", "The model '" + wanted
                        + "' is not available on this server: " + model.unavailableReason());
            }
            return model;
        });
    }

    /** Whether the id names a catalog model at all (for checking a conversation's default model). */
    public Uni<Boolean> exists(String id) {
        return listed().map(snapshot -> {
            if (find(entries(snapshot), id).isPresent()) {
                return true;
            }
            if (snapshot != null && !snapshot.listed()) {
                throw notListedYet(snapshot);
            }
            return false;
        });
    }

    private Uni<OpenAiModelListing.Snapshot> listed() {
        return listing == null ? Uni.createFrom().nullItem() : listing.snapshot();
    }

    private RuntimeException unknown(String wanted, OpenAiModelListing.Snapshot snapshot) {
        if (snapshot != null && !snapshot.listed()) {
            return notListedYet(snapshot);
        }
        return Problems.of(400, "unknown_model", "Unknown model",
                "There is no model '" + wanted + "'; GET /api/chat/models lists them.");
    }

    private RuntimeException notListedYet(OpenAiModelListing.Snapshot snapshot) {
        return Problems.retryLater(503, "models_not_listed", "Models not listed yet", "The models of the"
                + " OpenAI-compatible server at " + config.baseUrl().orElse("?") + " are not listed yet: "
                + snapshot.problem() + ". It is asked again in the background; try again shortly.", 5L);
    }

    private static Optional<ModelEntry> find(List<ModelEntry> all, String id) {
        return all.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The catalog's entries with what the OpenAI-compatible server listed ({@code snapshot}; null: none is set). */
    private List<ModelEntry> entries(OpenAiModelListing.Snapshot snapshot) {
        Built last = built;
        if (last != null && last.from() == snapshot) {
            return last.entries();
        }
        List<ModelEntry> all = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ModelEntry.Declared d : declared) {
            all.add(entry(d));
            ids.add(d.id());
        }
        if (snapshot != null) {
            for (ListedModel m : snapshot.models()) {
                String id = ids.contains(m.id()) ? Providers.OPENAI + ":" + m.id() : m.id();
                ids.add(id);
                all.add(listedEntry(id, m));
            }
            if (!snapshot.listed()) {
                all.add(notListed(snapshot));
            }
        }
        List<ModelEntry> entries = List.copyOf(all);
        built = new Built(snapshot, entries);
        return entries;
    }

    private ModelEntry entry(ModelEntry.Declared d) {
        boolean available = providers.byName(d.provider()).map(ChatProvider::available).orElse(false);
        boolean offline = OfflineProvider.NAME.equals(d.provider());
        return new ModelEntry(d.id(), d.name() != null ? d.name() : d.id(), d.family() != null ? d.family() : family(d.id()),
                d.provider(), d.contextLength() != null ? d.contextLength() : DEFAULT_CONTEXT, available, offline,
                d.description(), available ? null : notConfigured(d.provider()),
                d.upstreamId() != null ? d.upstreamId() : d.id());
    }

    private static String notConfigured(String provider) {
        return switch (provider) {
            case Providers.HUGGINGFACE -> "its provider, huggingface, needs HF_TOKEN, which is not set.";
            case Providers.OPENAI -> "its provider, an OpenAI-compatible server, needs STUDIO_OPENAI_BASE_URL, which"
                    + " is not set.";
            default -> "its provider '" + provider + "' is unknown.";
        };
    }

    private ModelEntry listedEntry(String id, ListedModel m) {
        int context = m.contextLength() != null ? m.contextLength() : config.defaultContextLength();
        return new ModelEntry(id, m.id(), family(m.id()), Providers.OPENAI, context, true, false,
                "Served by the OpenAI-compatible server at " + config.baseUrl().orElse("?") + ".", null, m.id());
    }

    /** Stands for the server's models until they are listed: shown, never available, with the reason. */
    private ModelEntry notListed(OpenAiModelListing.Snapshot snapshot) {
        String server = config.baseUrl().orElse("?");
        return new ModelEntry(NOT_LISTED_ID, "Models of " + server + " (not listed yet)", "other", Providers.OPENAI,
                config.defaultContextLength(), false, false, "The models this OpenAI-compatible server lists at"
                        + " /v1/models appear here once it answers.",
                "its model list (/v1/models) could not be read: " + snapshot.problem()
                        + "; it is asked again in the background.",
                NOT_LISTED_ID);
    }

    static String family(String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        if (lower.contains("codellama") || lower.contains("code-llama")) {
            return "codellama";
        }
        if (lower.contains("llama")) {
            return "llama";
        }
        if (lower.contains("mistral") || lower.contains("mixtral")) {
            return "mistral";
        }
        return "other";
    }

    private static List<ModelEntry.Declared> withOffline(List<ModelEntry.Declared> models) {
        if (models.stream().anyMatch(m -> OfflineProvider.NAME.equals(m.provider()))) {
            return models;
        }
        List<ModelEntry.Declared> all = new ArrayList<>(models);
        all.add(new ModelEntry.Declared(OFFLINE_ID, "Offline echo (not AI)", "offline", OfflineProvider.NAME, 8192,
                "No language model: a fixed template that repeats your message.", null));
        return all;
    }

    static List<ModelEntry.Declared> load(ObjectMapper services, Optional<String> file) {
        // an operator's file: values converted and a repeated key's last value taken as before, unknown fields refused
        ObjectMapper json = StrictJson.lenient(services);
        TypeReference<List<ModelEntry.Declared>> type = new TypeReference<>() {
        };
        try {
            if (file.isPresent()) {
                Log.infof("Model catalog from %s", file.get());
                // One file may serve both services: an object's "chat" member, or the whole file as an array.
                com.fasterxml.jackson.databind.JsonNode root = json.readTree(Files.readString(Path.of(file.get())));
                return check(json.convertValue(root.isObject() ? root.path("chat") : root, type), file.get());
            }
            try (InputStream in = ModelCatalog.class.getResourceAsStream("/catalog/models.json")) {
                return check(json.readValue(in, type), "the built-in catalog");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model catalog " + file.orElse("(built-in)"), e);
        }
    }

    private static List<ModelEntry.Declared> check(List<ModelEntry.Declared> models, String source) {
        for (ModelEntry.Declared m : models) {
            if (m.id() == null || m.id().isBlank() || m.provider() == null) {
                throw new IllegalStateException("every model in " + source + " needs an id and a provider: " + m);
            }
        }
        return List.copyOf(models);
    }
}
