package dev.aistudio.problem;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * JSON strings with a NUL character ({@code \u0000}) are refused when they are read: PostgreSQL cannot store NUL in
 * a text column, so such a string would otherwise fail at the database and answer 500. Refused here, it is a 400
 * naming the field (see {@link ProblemMappers#badJson}).
 */
@Singleton
public class TextWithoutNul implements ObjectMapperCustomizer {

    static final String MESSAGE = "must not contain NUL characters (\\u0000)";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("text-without-nul").addDeserializer(String.class, new Deserializer()));
    }

    static boolean isNulRefusal(Throwable e) {
        return e instanceof InvalidFormatException invalid && invalid.getValue() instanceof String text
                && text.indexOf('\0') >= 0;
    }

    private static final class Deserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            if (text != null && text.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(parser, MESSAGE, text, String.class);
            }
            return text;
        }
    }
}
