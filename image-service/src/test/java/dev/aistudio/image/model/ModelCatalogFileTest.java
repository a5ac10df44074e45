package dev.aistudio.image.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.aistudio.image.config.HuggingFaceConfig;
import dev.aistudio.image.config.ImageConfig;

/** STUDIO_MODELS_FILE replaces the built-in catalog; availability follows the configured providers. */
class ModelCatalogFileTest {

    @TempDir
    Path dir;

    @Test
    void aSharedFilesImagesMemberReplacesTheCatalog() throws Exception {
        Path file = dir.resolve("models.json");
        Files.writeString(file, """
                {"chat": [{"id": "some-chat-model", "provider": "openai"}],
                 "images": [{"id": "my/sdxl-finetune", "name": "My SDXL", "family": "stable-diffusion", "provider": "huggingface",
                             "parameters": {"width": {"min": 512, "max": 1024, "step": 8, "default": 768},
                                            "height": {"min": 512, "max": 1024, "step": 8, "default": 768},
                                            "negativePrompt": true, "seed": true}},
                            {"id": "offline-pattern", "name": "Offline placeholder (not AI)", "provider": "offline",
                             "parameters": {"width": {"min": 64, "max": 512, "default": 256},
                                            "height": {"min": 64, "max": 512, "default": 256}, "seed": true}}]}""");
        ModelCatalog withoutToken = new ModelCatalog(config(file.toString()), hf(null), new ObjectMapper());
        assertEquals(2, withoutToken.all().size());
        assertFalse(withoutToken.find("my/sdxl-finetune").orElseThrow().available(), "no HF_TOKEN: not available");
        assertTrue(withoutToken.find("offline-pattern").orElseThrow().available());
        assertTrue(withoutToken.find("offline-pattern").orElseThrow().offline());
        assertEquals(1024, withoutToken.find("my/sdxl-finetune").orElseThrow().parameters().width().max());

        ModelCatalog withToken = new ModelCatalog(config(file.toString()), hf("hf_x"), new ObjectMapper());
        assertTrue(withToken.find("my/sdxl-finetune").orElseThrow().available());
    }

    @Test
    void aPlainArrayWorksAndABrokenFileStopsStartupWithItsName() throws Exception {
        Path array = dir.resolve("array.json");
        Files.writeString(array, "[{\"id\": \"offline-pattern\", \"provider\": \"offline\"}]");
        assertEquals(1, new ModelCatalog(config(array.toString()), hf(null), new ObjectMapper()).all().size());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{not json");
        var e = assertThrows(IllegalStateException.class,
                () -> new ModelCatalog(config(broken.toString()), hf(null), new ObjectMapper()));
        assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
    }

    private static ImageConfig config(String file) {
        return (ImageConfig) Proxy.newProxyInstance(ImageConfig.class.getClassLoader(), new Class<?>[] { ImageConfig.class },
                (proxy, method, args) -> method.getName().equals("modelsFile") ? Optional.of(file) : null);
    }

    private static HuggingFaceConfig hf(String token) {
        return (HuggingFaceConfig) Proxy.newProxyInstance(HuggingFaceConfig.class.getClassLoader(),
                new Class<?>[] { HuggingFaceConfig.class },
                (proxy, method, args) -> method.getName().equals("token") ? Optional.ofNullable(token) : "http://unused");
    }
}
