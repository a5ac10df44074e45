package dev.aistudio.chat.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.aistudio.problem.StrictJson;

/** STUDIO_MODELS_FILE is read with the service's mapper: a misspelt field stops the start naming it. */
class ModelsFileTest {

    private final ObjectMapper json = strict();

    @Test
    void aModelsFileIsReadWhole(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("models.json"), "{\"chat\": [{\"id\": \"m1\", \"name\": \"M one\","
                + " \"family\": \"llama\", \"provider\": \"openai\", \"contextLength\": 4096}], \"images\": [{\"any\": 1}]}");

        List<ModelEntry.Declared> models = ModelCatalog.load(json, Optional.of(file.toString()));

        assertEquals(1, models.size());
        assertEquals(4096, models.get(0).contextLength());
    }

    @Test
    void aMisspeltFieldIsNamedNotIgnored(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("models.json"), "[{\"id\": \"m1\", \"name\": \"M one\","
                + " \"family\": \"llama\", \"provider\": \"openai\", \"contextLenght\": 4096}]");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ModelCatalog.load(json, Optional.of(file.toString())));

        assertTrue(refused.getMessage().contains("contextLenght"), refused.getMessage());
    }

    @Test
    void anOperatorsFileIsReadAsBeforeNotAsStrictlyAsARequestBody(@TempDir Path dir) throws Exception {
        // a number written as a string and a key given twice were read before request bodies became strict
        Path file = Files.writeString(dir.resolve("models.json"), "[{\"id\": \"m1\", \"name\": \"M one\","
                + " \"family\": \"llama\", \"provider\": \"openai\", \"contextLength\": \"4096\", \"name\": \"M 1\"}]");

        List<ModelEntry.Declared> models = ModelCatalog.load(json, Optional.of(file.toString()));

        assertEquals(4096, models.get(0).contextLength());
        assertEquals("M 1", models.get(0).name());
    }

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }
}
