package dev.aistudio.problem;

import java.time.temporal.Temporal;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * The one answer to a request body Jackson could not read, whichever mapper caught it: a field with a value of the
 * wrong kind is named with what it must be ({@code params.max_tokens must be an integer}), a body of the wrong kind
 * says what it must be, and only a body that is not JSON at all gets the parser's message. Java type names never
 * reach the client.
 */
final class JsonProblems {

    private JsonProblems() {
    }

    static HttpProblem problemFor(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof StreamReadException read
                && isDuplicateKey(read)) {
            e = read; // a repeated key inside a nested object: the parser knows the whole path
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (!mismatch.getPath().isEmpty()) {
                return fieldProblem(mismatch);
            }
            return Problems.of(400, "invalid_json", "Invalid request body",
                    "The request body " + expected(mismatch.getTargetType()) + ".");
        }
        if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof InputCoercionException
                && !mapping.getPath().isEmpty()) {
            return Problems.invalidField(path(mapping), "invalid_json", "is out of range");
        }
        if (isDuplicateKey(e)) {
            return Problems.invalidField(duplicatePath((StreamReadException) e), "invalid_json", "is given more than once");
        }
        if (e instanceof InputCoercionException number) {
            return Problems.of(400, "invalid_json", "Number out of range",
                    "A number in the request body is out of range: " + number.getOriginalMessage());
        }
        return Problems.of(400, "invalid_json", "Malformed JSON",
                "The request body is not valid JSON: " + e.getOriginalMessage());
    }

    /** A 400 naming the field of the body whose value could not be read. */
    static HttpProblem fieldProblem(MismatchedInputException e) {
        String field = path(e);
        if (e instanceof UnrecognizedPropertyException unknown) {
            return Problems.invalidField(field, "unknown_field", "is not a field of this request" + known(unknown));
        }
        return StorableText.isRefusal(e)
                ? Problems.invalidField(field, "invalid_text", e.getOriginalMessage())
                : Problems.invalidField(field, "invalid_json", expected(e.getTargetType()));
    }

    /** What {@code JsonParser.Feature.STRICT_DUPLICATE_DETECTION} throws (see {@link StrictJson}). */
    private static boolean isDuplicateKey(JsonProcessingException e) {
        return e instanceof StreamReadException && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Duplicate field '");
    }

    /** The repeated key with the objects it is in ({@code params.temperature}), from where the parser stopped. */
    private static String duplicatePath(StreamReadException e) {
        Deque<String> names = new ArrayDeque<>();
        JsonStreamContext context = e.getProcessor() == null ? null : e.getProcessor().getParsingContext();
        for (; context != null && !context.inRoot(); context = context.getParent()) {
            names.addFirst(context.inArray() ? "[" + context.getCurrentIndex() + "]" : String.valueOf(context.getCurrentName()));
        }
        if (names.isEmpty()) {
            String message = e.getOriginalMessage();
            return message.substring("Duplicate field '".length(), Math.max("Duplicate field '".length(), message.lastIndexOf('\'')));
        }
        return String.join(".", names);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> a + "." + b).orElse("body");
    }

    /** What a value of the target type looks like in JSON, said the way the API's readers think of it. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "must be an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "must be a string";
        }
        if (type.isEnum()) {
            return Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", ", "must be one of: ", ""));
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "must be an ISO 8601 date and time";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "must be a JSON object";
        }
        // anything else of the JDK's has no one JSON shape; the API's own types are read from objects
        return type.isPrimitive() || type.isInterface() || type.getName().startsWith("java.")
                ? "has the wrong type" : "must be a JSON object";
    }

    /** The fields the object may have, as the body spells them: the likely fix for a misspelt one. */
    private static String known(UnrecognizedPropertyException e) {
        if (e.getKnownPropertyIds() == null || e.getKnownPropertyIds().isEmpty()) {
            return "";
        }
        return e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                .collect(Collectors.joining(", ", " (known: ", ")"));
    }
}
