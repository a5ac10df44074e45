package dev.aistudio.gateway.routing;

import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.gateway.problem.Problems;
import dev.aistudio.gateway.request.ClientAddress;
import dev.aistudio.gateway.request.RequestIds;
import dev.aistudio.gateway.session.SessionExchange;
import dev.aistudio.gateway.session.SessionGate;
import dev.aistudio.gateway.session.SessionToken;
import io.quarkus.logging.Log;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Sends one admitted request to its upstream through Vert.x' reverse proxy (vertx-http-proxy), which streams both
 * bodies with backpressure and resets the upstream request when the client goes away. Around it: the upstream headers
 * (bearer, request id, forwarded-for; never the browser's cookies), the route's timeouts, and problem answers when
 * the upstream cannot be reached.
 */
@ApplicationScoped
public class UpstreamForwarder {

    static final String UPSTREAM = "gateway.upstream";

    private final Vertx vertx;
    private final SessionExchange sessions;

    public UpstreamForwarder(Vertx vertx, SessionExchange sessions) {
        this.vertx = vertx;
        this.sessions = sessions;
    }

    public void forward(RoutingContext context) {
        Upstream upstream = context.get(UPSTREAM);
        HttpServerRequest request = context.request();
        ProxyRequest proxyRequest = ProxyRequest.reverseProxy(request);
        proxyRequest.setURI(context.normalizedPath() + (request.query() == null ? "" : "?" + request.query()));
        prepareHeaders(context, proxyRequest.headers());
        BoundedBody bounded = null;
        if (proxyRequest.getBody() != null && proxyRequest.getBody().length() < 0) {
            bounded = new BoundedBody(proxyRequest.getBody().stream(), upstream.route().maxBodySize().asLongValue());
            proxyRequest.setBody(Body.body(bounded, -1));
        }
        long timeout = upstream.route().timeout().toMillis();
        // Out of time: answer 504 now unless the answer has begun, then stop the upstream exchange. Before any
        // connection was free (all busy with streams) the connection, should one come later, is reset at once
        // (UpstreamExchange.started); after the service's head arrived but before it went out, the browser still
        // gets the 504 rather than a connection closed without an answer.
        UpstreamExchange exchange = new UpstreamExchange(vertx, timeout, bounded);
        exchange.onTimeout(() -> timedOut(context, upstream, exchange.answer()));
        request.response().closeHandler(v -> exchange.abandon());

        RequestOptions options = new RequestOptions()
                .setHost(upstream.host())
                .setPort(upstream.port())
                // also bounds the wait for a free pooled connection, which is otherwise unbounded
                .setConnectTimeout(timeout)
                .setIdleTimeout(upstream.route().idleTimeout().toMillis());
        upstream.clients().current().request(options)
                .compose(clientRequest -> {
                    exchange.started(clientRequest);
                    return proxyRequest.send(clientRequest);
                })
                .onSuccess(response -> respond(context, exchange, response))
                .onFailure(failure -> fail(context, upstream, proxyRequest, exchange, failure));
    }

    private static void prepareHeaders(RoutingContext context, MultiMap headers) {
        HttpServerRequest request = context.request();
        headers.remove("Cookie"); // the session secret and the CSRF token stay between browser and gateway
        headers.remove("Forwarded");
        headers.set("X-Forwarded-For", ClientAddress.of(request));
        headers.set("X-Forwarded-Proto", request.scheme());
        if (request.authority() != null) {
            headers.set("X-Forwarded-Host", request.authority().toString());
        }
        SessionToken token = context.get(SessionGate.TOKEN);
        if (token != null) {
            headers.set("Authorization", "Bearer " + token.accessToken());
        }
    }

    private void respond(RoutingContext context, UpstreamExchange exchange, ProxyResponse response) {
        exchange.answer(response);
        String type = response.headers().get("Content-Type");
        if (type != null && type.startsWith("text/event-stream")) {
            exchange.exemptFromTotalTimeout();
        }
        MultiMap headers = response.headers();
        // CORS is decided here (Quarkus' filter), not by each service.
        if (hasCorsHeader(headers)) {
            headers.names().stream()
                    .filter(UpstreamForwarder::isCorsHeader)
                    .toList()
                    .forEach(headers::remove);
        }
        // The proxy stamps every answer with its own Date; left in place, the upstream's would first be parsed with
        // java.time's formatter, which cost ~3 % of the gateway's CPU per proxied request (bench/gateway, profiled).
        headers.remove("Date");
        noteSessionOutcome(context, response.getStatusCode());
        response.send().onComplete(done -> exchange.finished());
    }

    private static boolean hasCorsHeader(MultiMap headers) {
        for (var header : headers) {
            if (isCorsHeader(header.getKey())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCorsHeader(String name) {
        return name.regionMatches(true, 0, "Access-Control-", 0, 15);
    }

    /** A logout that went through ends cached tokens; a refused token is not reused. */
    private void noteSessionOutcome(RoutingContext context, int status) {
        SessionToken token = context.get(SessionGate.TOKEN);
        if (token == null) {
            return;
        }
        String secret = context.get(SessionGate.SECRET);
        boolean loggedOut = status < 300 && context.request().method() == HttpMethod.POST
                && SessionGate.LOGOUT_PATH.equals(context.normalizedPath());
        if (loggedOut) {
            sessions.forgetUser(token.userId());
        }
        if (loggedOut || status == 401) {
            sessions.forget(secret);
        }
    }

    private static void fail(RoutingContext context, Upstream upstream, ProxyRequest proxyRequest,
            UpstreamExchange exchange, Throwable failure) {
        exchange.finished();
        proxyRequest.release();
        if (exchange.bodyTooLarge()) {
            context.response().putHeader("Connection", "close");
            Problems.send(context, 413, "payload_too_large", "Payload too large",
                    "The request body is larger than " + upstream.route().maxBodySize().asLongValue() + " bytes.");
        } else if (exchange.timedOut() || failure instanceof TimeoutException) {
            timedOut(context, upstream, null);
        } else if (!exchange.abandoned()) {
            // as nginx logs "connect() failed ... while connecting to upstream": each one, with the request id
            Log.warnf("%s unreachable for %s %s: %s", upstream.name(), context.request().method(),
                    context.normalizedPath(), failure);
            context.response().putHeader("Retry-After", "5");
            Problems.send(context, 503, "upstream_unavailable", "Service unavailable",
                    upstream.name() + " is not reachable right now. Try again shortly.");
        }
    }

    private static void timedOut(RoutingContext context, Upstream upstream, ProxyResponse started) {
        HttpServerResponse response = context.response();
        if (started != null && !response.headWritten()) {
            // the proxy copied the service's head onto the answer but sent none of it: it does not belong on a problem
            String requestId = response.headers().get(RequestIds.HEADER);
            started.headers().names().forEach(response.headers()::remove);
            response.headers().remove("Content-Length");
            if (requestId != null) {
                response.putHeader(RequestIds.HEADER, requestId);
            }
        }
        Problems.send(context, 504, "upstream_timeout", "Gateway timeout", upstream.name() + " did not answer in time.");
    }

    /** The state of one proxied exchange: the upstream request once it exists, and the total-timeout timer. */
    private static final class UpstreamExchange {

        private final Vertx vertx;
        private final BoundedBody body;
        private long timer = -1;
        private Runnable onTimeout = () -> { };
        private HttpClientRequest clientRequest;
        private ProxyResponse answer;
        private boolean timedOut;
        private boolean abandoned;
        private boolean finished;

        UpstreamExchange(Vertx vertx, long totalMillis, BoundedBody body) {
            this.vertx = vertx;
            this.body = body;
            this.timer = vertx.setTimer(totalMillis, id -> {
                timer = -1;
                timedOut = true;
                onTimeout.run(); // answers unless the answer has begun; then only the reset below can end it
                abort();
            });
        }

        /** What to do when the total time is up (runs on the request's event loop, after this constructor). */
        void onTimeout(Runnable action) {
            onTimeout = action;
        }

        /** The service's answer, once its head arrived. */
        void answer(ProxyResponse response) {
            answer = response;
        }

        ProxyResponse answer() {
            return answer;
        }

        void started(HttpClientRequest request) {
            clientRequest = request;
            // failures arrive through the response future; a reset we asked for is not an error to log
            request.exceptionHandler(failure -> Log.debugf("upstream request ended: %s", failure));
            if (abandoned || timedOut) {
                abort();
            }
        }

        /** Streams may run for as long as bytes keep flowing; the idle timeout still applies to them. */
        void exemptFromTotalTimeout() {
            cancelTimer();
        }

        /** The client went away: there is nobody to answer, so stop the upstream work too. */
        void abandon() {
            if (!finished) {
                abandoned = true;
                abort();
            }
        }

        void finished() {
            finished = true;
            cancelTimer();
        }

        boolean timedOut() {
            return timedOut;
        }

        boolean abandoned() {
            return abandoned;
        }

        boolean bodyTooLarge() {
            return body != null && body.exceeded();
        }

        private void abort() {
            if (clientRequest != null && !finished) {
                clientRequest.reset();
            }
        }

        private void cancelTimer() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        }
    }
}
