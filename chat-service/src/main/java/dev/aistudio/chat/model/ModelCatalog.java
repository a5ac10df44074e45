package dev.aistudio.chat.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.aistudio.chat.config.ChatConfig;
import dev.aistudio.chat.config.OpenAiConfig;
import dev.aistudio.problem.Problems;
import dev.aistudio.chat.provider.ChatProvider;
import dev.aistudio.chat.provider.Providers;
import dev.aistudio.chat.provider.offline.OfflineProvider;
import dev.aistudio.chat.provider.openai.OpenAiCompatibleProvider;
import dev.aistudio.chat.provider.openai.OpenAiCompatibleProvider.ListedModel;
import io.quarkus.runtime.Startup;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The models a person can pick: the catalog file (built-in, or STUDIO_MODELS_FILE), the models an OpenAI-compatible
 * server lists at {@code /v1/models}, and always the offline model.
 */
// built at start, not on the first request's event loop: it builds REST clients and reads the catalog
@Startup
@ApplicationScoped
public class ModelCatalog {

    public static final String OFFLINE_ID = "offline-echo";
    private static final int DEFAULT_CONTEXT = 8192;

    private final List<ModelEntry.Declared> declared;
    private final Providers providers;
    private final OpenAiConfig config;
    private final ChatConfig chat;

    private volatile List<ModelEntry> listedCache = List.of();
    private volatile Instant listedAt = Instant.EPOCH;
    private final AtomicBoolean refreshing = new AtomicBoolean();

    public ModelCatalog(ObjectMapper json, Providers providers, OpenAiConfig config, ChatConfig chat,
            @ConfigProperty(name = "studio.models-file") Optional<String> modelsFile) {
        this.providers = providers;
        this.config = config;
        this.chat = chat;
        this.declared = withOffline(load(json, modelsFile.filter(f -> !f.isBlank())));
    }

    /** Every model, available or not, in catalog order. */
    public Uni<List<ModelEntry>> list() {
        return openAiModels().map(listed -> {
            List<ModelEntry> all = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (ModelEntry.Declared d : declared) {
                all.add(entry(d));
                ids.add(d.id());
            }
            for (ModelEntry m : listed) {
                String id = ids.contains(m.id()) ? Providers.OPENAI + ":" + m.id() : m.id();
                ids.add(id);
                all.add(new ModelEntry(id, m.name(), m.family(), m.provider(), m.contextLength(), true, false,
                        m.description(), m.upstreamId()));
            }
            return all;
        });
    }

    /**
     * The model to use: the one asked for, else the configured default, else the first available. Unknown and
     * unavailable models are a 400 the client can fix.
     */
    public Uni<ModelEntry> resolve(String requested) {
        return list().map(all -> {
            String wanted = requested != null && !requested.isBlank() ? requested
                    : chat.defaultModel().filter(m -> !m.isBlank()).orElse(null);
            if (wanted == null) {
                return all.stream().filter(m -> m.available() && !m.offline()).findFirst()
                        .orElseGet(() -> all.stream().filter(ModelEntry::offline).findFirst().orElseThrow());
            }
            ModelEntry model = find(all, wanted).orElseThrow(() -> Problems.of(400, "unknown_model", "Unknown model",
                    "There is no model '" + wanted + "'; GET /api/chat/models lists them."));
            if (!model.available()) {
                throw Problems.of(400, "model_unavailable", "Model unavailable", "The model '" + wanted
                        + "' is not available on this server: its provider (" + model.provider()
                        + ") is not configured.");
            }
            return model;
        });
    }

    /** Whether the id names a catalog model at all (for checking a conversation's default model). */
    public Uni<Boolean> exists(String id) {
        return list().map(all -> find(all, id).isPresent());
    }

    private static Optional<ModelEntry> find(List<ModelEntry> all, String id) {
        return all.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    private ModelEntry entry(ModelEntry.Declared d) {
        boolean available = providers.byName(d.provider()).map(ChatProvider::available).orElse(false);
        boolean offline = OfflineProvider.NAME.equals(d.provider());
        return new ModelEntry(d.id(), d.name() != null ? d.name() : d.id(), d.family() != null ? d.family() : family(d.id()),
                d.provider(), d.contextLength() != null ? d.contextLength() : DEFAULT_CONTEXT, available, offline,
                d.description(), d.upstreamId() != null ? d.upstreamId() : d.id());
    }

    /**
     * The OpenAI-compatible server's models, asked for at most once per cache period; a failure lists none. Once
     * listed, an expired list is still answered at once while a fresh one is fetched in the background, so no start
     * waits for {@code /v1/models}.
     */
    private Uni<List<ModelEntry>> openAiModels() {
        OpenAiCompatibleProvider openAi = providers.openAi();
        if (!openAi.available()) {
            return Uni.createFrom().item(List.of());
        }
        if (Instant.now().isBefore(listedAt.plus(config.modelsCacheTtl()))) {
            return Uni.createFrom().item(listedCache);
        }
        if (listedAt.equals(Instant.EPOCH)) {
            return fetchOpenAiModels();
        }
        if (refreshing.compareAndSet(false, true)) {
            fetchOpenAiModels().subscribe().with(ok -> refreshing.set(false), failure -> refreshing.set(false));
        }
        return Uni.createFrom().item(listedCache);
    }

    private Uni<List<ModelEntry>> fetchOpenAiModels() {
        return providers.openAi().listModels()
                .ifNoItem().after(java.time.Duration.ofSeconds(5)).fail()
                .map(models -> models.stream().map(this::listedEntry).toList())
                .invoke(models -> {
                    listedCache = models;
                    listedAt = Instant.now();
                })
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Could not list the models of %s: %s", config.baseUrl().orElse("?"),
                            failure.toString());
                    return listedCache;
                });
    }

    private ModelEntry listedEntry(ListedModel m) {
        int context = m.contextLength() != null ? m.contextLength() : config.defaultContextLength();
        return new ModelEntry(m.id(), m.id(), family(m.id()), Providers.OPENAI, context, true, false,
                "Served by the OpenAI-compatible server at " + config.baseUrl().orElse("?") + ".", m.id());
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

    private static List<ModelEntry.Declared> load(ObjectMapper json, Optional<String> file) {
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
