package dev.aistudio.image.job;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * A request body's values are read as they are written, not coerced: {@code "width": 512.5} or {@code "seed": 12.9}
 * would otherwise be cut to 512 and 12 (a different picture from the seed the caller asked for), {@code "width": "512"}
 * read as a number and {@code "prompt": 5} or {@code true} as text; a key given twice would keep the last value. Each
 * is refused instead with a 400 naming the field ({@code must be an integer}, {@code must be a string}) or the duplicate.
 * The model catalog file is read with a copy that undoes this ({@link #lenient}).
 */
@Singleton
public class StrictScalars implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    /** A copy of the mapper that reads scalars as Jackson does by default (for files written by operators). */
    public static ObjectMapper lenient(ObjectMapper mapper) {
        ObjectMapper copy = mapper.copy();
        copy.enable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        copy.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        copy.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        copy.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        copy.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert);
        return copy;
    }
}
