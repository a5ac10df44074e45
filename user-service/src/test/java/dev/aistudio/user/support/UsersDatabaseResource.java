package dev.aistudio.user.support;

import dev.aistudio.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every {@code @QuarkusTest} of this module runs against a real PostgreSQL holding {@code studio_users}. */
@QuarkusTestResource(value = EmbeddedPostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = UsersDatabase.NAME))
public class UsersDatabaseResource {
}
