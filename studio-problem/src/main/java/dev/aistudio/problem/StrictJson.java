package dev.aistudio.problem;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * A request body is read as it is written, or refused with a 400 naming the field ({@link ProblemMappers#badJson}):
 * <ul>
 * <li>a field the endpoint does not know is {@code unknown_field}, not dropped: a script that sends
 * {@code negative_prompt} where the API says {@code negativePrompt}, or {@code temperature} outside {@code params},
 * would otherwise get a 2xx and a result made without it;</li>
 * <li>a value of the wrong kind is {@code invalid_json} ({@code must be a string}, {@code must be an integer}), not
 * converted: {@code "title": 5} would be stored as "5", {@code "seed": 12.9} cut to 12, {@code "width": "512"} read as a
 * number, {@code "everywhere": "yes"} or {@code 1} as true;</li>
 * <li>a key given twice is {@code invalid_json}, not read as its last value.</li>
 * </ul>
 * JSON read from elsewhere (providers' answers, model files written by operators) is read as trees or with
 * {@link #lenient}, so this governs the bodies clients send.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        readScalars(mapper, true);
    }

    /**
     * A copy of the mapper that converts scalars and takes a repeated key's last value, as Jackson does by default,
     * for JSON this service did not get from a client. Unknown fields are still refused: turn that off on the copy
     * where a file may carry fields for someone else.
     */
    public static ObjectMapper lenient(ObjectMapper mapper) {
        return readScalars(mapper.copy(), false);
    }

    private static ObjectMapper readScalars(ObjectMapper mapper, boolean strict) {
        CoercionAction coercion = strict ? CoercionAction.Fail : CoercionAction.TryConvert;
        mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, !strict);
        mapper.configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, strict);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, coercion);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, coercion);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, coercion)
                .setCoercion(CoercionInputShape.Integer, coercion);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, coercion)
                .setCoercion(CoercionInputShape.Float, coercion)
                .setCoercion(CoercionInputShape.Boolean, coercion);
        return mapper;
    }
}
