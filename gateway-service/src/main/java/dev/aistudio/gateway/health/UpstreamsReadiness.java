package dev.aistudio.gateway.health;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.aistudio.gateway.routing.Upstream;
import dev.aistudio.gateway.routing.Upstreams;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Reports each upstream's own readiness. The gateway stays ready while a service is down: it still answers that
 * service's routes (503 problem) and all the others, so taking the gateway out of rotation would only make it worse.
 */
@Readiness
@ApplicationScoped
public class UpstreamsReadiness implements AsyncHealthCheck {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final Upstreams upstreams;

    public UpstreamsReadiness(Upstreams upstreams) {
        this.upstreams = upstreams;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Uni<String>> probes = upstreams.all().stream().map(this::probe).toList();
        return Uni.join().all(probes).andFailFast().map(states -> {
            HealthCheckResponseBuilder builder = HealthCheckResponse.named("upstreams").up();
            for (int i = 0; i < states.size(); i++) {
                builder.withData(upstreams.all().get(i).name(), states.get(i));
            }
            return builder.build();
        });
    }

    /** "UP", or "DOWN" with the reason. */
    private Uni<String> probe(Upstream upstream) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setURI("/q/health/ready")
                .setIdleTimeout(PROBE_TIMEOUT.toMillis());
        return Uni.createFrom().completionStage(() -> upstream.clients().current().request(options)
                        .compose(request -> request.send())
                        .compose(response -> response.body().map(body -> response.statusCode()))
                        .toCompletionStage())
                .ifNoItem().after(PROBE_TIMEOUT).fail()
                .map(status -> status == 200 ? "UP" : "DOWN (readiness answered " + status + ")")
                .onFailure().recoverWithItem(failure -> "DOWN (" + describe(failure) + ")");
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message;
    }
}
