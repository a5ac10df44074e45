package dev.aistudio.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonFieldNamesTest {

    record Params(@JsonProperty("top_p") @Max(1) Double topP, @Max(2) Double temperature) {
    }

    record Body(@Size(max = 3) String systemPrompt, @JsonProperty("params") @Valid Params sampling) {
    }

    private final Validator validator = Validation.byProvider(HibernateValidator.class).configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .propertyNodeNameProvider(new JsonFieldNames.Names(new ObjectMapper())).buildValidatorFactory()
            .getValidator();

    @Test
    void aViolationNamesTheFieldAsTheJsonBodySpellsIt() {
        Set<String> paths = validator.validate(new Body("too long", new Params(1.5, 3.0))).stream()
                .map(v -> v.getPropertyPath().toString()).collect(Collectors.toCollection(TreeSet::new));

        assertEquals(Set.of("params.top_p", "params.temperature", "systemPrompt"), paths);
    }
}
