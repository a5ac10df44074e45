package dev.aistudio.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.UUID;
import java.util.function.Function;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Numbers and ids in the query string that do not parse answer 400 naming the parameter. Left to the JAX-RS default, a
 * query parameter that fails to convert answers 404 "Not Found", as if the resource did not exist. Path parameters
 * answer as an unknown id of their kind does: a malformed id in the path names nothing ({@link PathIds}).
 */
@Provider
public class QueryParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = queryParameterName(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>) new Converter<>(name, "an integer", Integer::valueOf);
        }
        if (rawType == long.class || rawType == Long.class) {
            return (ParamConverter<T>) new Converter<>(name, "an integer", Long::valueOf);
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) new Converter<>(name, "an id (UUID)", UUID::fromString);
        }
        return null;
    }

    private static String queryParameterName(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
        }
        return null;
    }

    /** Thrown for a query parameter that does not convert; answered as a 400 problem naming it. */
    public static final class InvalidQueryParameter extends BadRequestException {

        private final String parameter;

        InvalidQueryParameter(String parameter, String detail) {
            super(detail);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    private record Converter<T>(String name, String expected, Function<String, T> parse) implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return parse.apply(value.trim());
            } catch (IllegalArgumentException e) {
                throw new InvalidQueryParameter(name, "must be " + expected);
            }
        }

        @Override
        public String toString(T value) {
            return String.valueOf(value);
        }
    }
}
