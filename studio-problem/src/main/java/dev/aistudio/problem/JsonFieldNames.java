package dev.aistudio.problem;

import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

import io.quarkus.hibernate.validator.HibernateValidatorFactoryCustomizer;

/**
 * Validation failures name a field as the JSON body spells it ({@code params.top_p}), not as the Java record does
 * ({@code params.topP}): the names come from Jackson, which reads and writes the bodies.
 */
@Singleton
public class JsonFieldNames implements HibernateValidatorFactoryCustomizer {

    private final ObjectMapper json;

    public JsonFieldNames(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        configuration.propertyNodeNameProvider(new Names(json));
    }

    /** Each property's JSON name, looked up once per class. */
    static final class Names implements PropertyNodeNameProvider {

        private final ObjectMapper json;
        private final ClassValue<Map<String, String>> byClass = new ClassValue<>() {
            @Override
            protected Map<String, String> computeValue(Class<?> type) {
                return json.getDeserializationConfig().introspect(json.constructType(type)).findProperties().stream()
                        .filter(p -> !p.getInternalName().equals(p.getName()))
                        .collect(Collectors.toUnmodifiableMap(BeanPropertyDefinition::getInternalName,
                                BeanPropertyDefinition::getName, (a, b) -> a));
            }
        };

        Names(ObjectMapper json) {
            this.json = json;
        }

        @Override
        public String getName(Property property) {
            if (property instanceof JavaBeanProperty bean) {
                return byClass.get(bean.getDeclaringClass()).getOrDefault(bean.getName(), bean.getName());
            }
            return property.getName();
        }
    }
}
