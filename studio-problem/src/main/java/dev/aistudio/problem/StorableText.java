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
 * JSON strings PostgreSQL cannot store as they were sent are refused when they are read, as a 400 {@code invalid_text}
 * naming the field (see {@link ProblemMappers#badJson}):
 * <ul>
 * <li>a NUL character ({@code \u0000}): a text column cannot hold it, so the insert would fail and answer 500;</li>
 * <li>an unpaired UTF-16 surrogate ({@code "\ud800"} alone): it has no UTF-8 form, so it would be stored as '?' and
 * the text silently changed. A whole pair (an emoji written as {@code "\ud83d\ude00"}) is text like any other.</li>
 * </ul>
 */
@Singleton
public class StorableText implements ObjectMapperCustomizer {

    static final String NUL = "must not contain NUL characters (\\u0000)";
    static final String UNPAIRED_SURROGATE =
            "must be valid Unicode text: it has an unpaired surrogate (\\ud800-\\udfff), which cannot be stored";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("storable-text").addDeserializer(String.class, new Deserializer()));
    }

    /** The refusal behind a failed read, if it was one: its message names what is wrong with the text. */
    static boolean isRefusal(Throwable e) {
        return e instanceof Refusal;
    }

    /** Why {@code text} cannot be stored as sent, or null when it can. */
    static String problemWith(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return NUL;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return UNPAIRED_SURROGATE;
            }
        }
        return null;
    }

    /** A string value refused for what it contains; {@link #getOriginalMessage()} says what. */
    static final class Refusal extends InvalidFormatException {

        Refusal(JsonParser parser, String message, String text) {
            super(parser, message, text, String.class);
        }
    }

    private static final class Deserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            String problem = text == null ? null : problemWith(text);
            if (problem != null) {
                throw new Refusal(parser, problem, text);
            }
            return text;
        }
    }
}
