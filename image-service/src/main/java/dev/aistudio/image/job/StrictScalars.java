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
        readScalars(mapper, true);
    }

    /** A copy of the mapper that reads scalars as Jackson does by default (for files written by operators). */
    public static ObjectMapper lenient(ObjectMapper mapper) {
        return readScalars(mapper.copy(), false);
    }

    private static ObjectMapper readScalars(ObjectMapper mapper, boolean strict) {
        CoercionAction coercion = strict ? CoercionAction.Fail : CoercionAction.TryConvert;
        mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, !strict);
        mapper.configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, strict);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, coercion);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, coercion);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, coercion)
                .setCoercion(CoercionInputShape.Float, coercion)
                .setCoercion(CoercionInputShape.Boolean, coercion);
        return mapper;
    }
}
