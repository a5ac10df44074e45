package dev.aistudio.gateway.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Every {@code @QuarkusTest} of this module runs against {@link Backends}. */
@QuarkusTestResource(Backends.class)
public class BackendsResource {
}
