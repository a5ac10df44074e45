package dev.aistudio.gateway.request;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Every request gets an {@code X-Request-Id}: a sane one from the caller is kept, anything else is replaced. It is
 * written back onto the request (so the proxy passes it upstream and the access log shows it) and onto the answer.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    void register(@Observes Filters filters) {
        filters.register(this::assign, 3000);
    }

    private void assign(RoutingContext context) {
        String given = context.request().getHeader(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : newId();
        context.request().headers().set(HEADER, id);
        context.response().putHeader(HEADER, id);
        MDC.put("requestId", id);
        context.next();
    }

    /**
     * A random (version 4) UUID from the thread's own generator: a request id must be unique, not unguessable, and
     * {@link UUID#randomUUID()} takes a lock on the shared SecureRandom for every request.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0x3L << 62)) | (0x2L << 62);
        return new UUID(high, low).toString();
    }
}
