package dev.aistudio.image.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.aistudio.image.config.HuggingFaceConfig;
import dev.aistudio.image.config.ImageConfig;
import dev.aistudio.problem.StrictJson;
import io.quarkus.logging.Log;

/**
 * The image models a person can pick: the built-in catalog or {@code STUDIO_MODELS_FILE} (a JSON array of models, or
 * an object whose {@code "images"} member is one, so one file can serve chat and images). HuggingFace models are
 * available only with a token; the offline placeholder always is.
 */
@ApplicationScoped
public class ModelCatalog {

    public static final String OFFLINE = "offline";
    public static final String HUGGINGFACE = "huggingface";

    private final List<ImageModel> models;

    public ModelCatalog(ImageConfig config, HuggingFaceConfig hf, ObjectMapper json) {
        boolean hfToken = hf.token().filter(t -> !t.isBlank()).isPresent();
        this.models = load(config.modelsFile().filter(f -> !f.isBlank()), json).stream()
                .map(m -> m.withAvailability(OFFLINE.equals(m.provider()) || (HUGGINGFACE.equals(m.provider()) && hfToken)))
                .toList();
        Log.infof("Image models: %s", models.stream().map(m -> m.id() + (m.available() ? "" : " (unavailable)")).toList());
    }

    public List<ImageModel> all() {
        return models;
    }

    public Optional<ImageModel> find(String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    private static List<ImageModel> load(Optional<String> file, ObjectMapper json) {
        ObjectMapper reader = StrictJson.lenient(json).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        try (InputStream in = file.isPresent() ? Files.newInputStream(Path.of(file.get()))
                : ModelCatalog.class.getResourceAsStream("/catalog/image-models.json")) {
            JsonNode root = reader.readTree(in);
            JsonNode list = root.isObject() ? root.path("images") : root;
            List<RawModel> raw = reader.convertValue(list, new TypeReference<List<RawModel>>() {
            });
            return raw.stream().map(RawModel::toModel).toList();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the image model catalog " + file.orElse("(built-in)") + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** The catalog file's shape: availability is decided here, not in the file. */
    record RawModel(String id, String name, String family, String provider, String description, RawParameters parameters) {
        ImageModel toModel() {
            RawParameters p = parameters == null ? new RawParameters(null, null, null, null, false, true) : parameters;
            return new ImageModel(id, name, family, provider, description, false, OFFLINE.equals(provider),
                    new ImageModel.Parameters(p.width() == null ? null : p.width().toRange(),
                            p.height() == null ? null : p.height().toRange(),
                            p.steps() == null ? null : p.steps().toRange(),
                            p.guidance() == null ? null : p.guidance().toRange(),
                            p.negativePrompt(), p.seed()));
        }
    }

    record RawParameters(RawInt width, RawInt height, RawInt steps, RawDouble guidance, boolean negativePrompt,
            boolean seed) {
    }

    record RawInt(int min, int max, Integer step, @com.fasterxml.jackson.annotation.JsonProperty("default") int def) {
        ImageModel.IntRange toRange() {
            return new ImageModel.IntRange(min, max, step, def);
        }
    }

    record RawDouble(double min, double max, @com.fasterxml.jackson.annotation.JsonProperty("default") double def) {
        ImageModel.DoubleRange toRange() {
            return new ImageModel.DoubleRange(min, max, def);
        }
    }
}
