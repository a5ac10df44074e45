package dev.aistudio.problem;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * A request body with a field the endpoint does not know is refused, not read with the field dropped: a script that
 * sends {@code negative_prompt} where the API says {@code negativePrompt}, or {@code temperature} outside
 * {@code params}, would otherwise get a 2xx and a result made without it. {@link ProblemMappers#badJson} answers 400
 * {@code unknown_field} naming the field and the fields the body may have. JSON read from elsewhere (providers'
 * answers, model files) is read as trees or with a lenient copy of the mapper, so this only governs typed reads.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
