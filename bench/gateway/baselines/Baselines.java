import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.httpproxy.HttpProxy;

/**
 * Baselines for bench/gateway/run (BENCH_BASELINES=1), each a proxy on plain Vert.x with the gateway's transport
 * (epoll), event loops (two per core) and an upstream pool per event loop, and nothing else: no Quarkus, router,
 * filters, metrics, CORS, forwarded headers, timeouts or request ids.
 * <ul>
 * <li>{@code vx-proxy}: the library the gateway proxies with, vertx-http-proxy.</li>
 * <li>{@code vx-core}: Vert.x core alone; method, URI and headers copied, bodies piped, no hop-by-hop handling, a bare
 * 502 on failure. Not a usable proxy: the floor for any proxy built on Vert.x.</li>
 * </ul>
 * Run as a single-file program on the gateway's jars: {@code java -cp <jars> Baselines.java vx-proxy|vx-core PORT
 * BACKEND_PORT}
 */
public class Baselines {
  public static void main(String[] args) {
    String kind = args[0];
    int port = Integer.parseInt(args[1]);
    int backend = Integer.parseInt(args[2]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    vertx.deployVerticle(() -> new AbstractVerticle() {
      @Override
      public void start() {
        var client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64));
        Handler<HttpServerRequest> handler = switch (kind) {
          case "vx-proxy" -> HttpProxy.reverseProxy(client).origin(backend, "127.0.0.1");
          case "vx-core" -> request -> forward(client, backend, request);
          default -> throw new IllegalArgumentException("vx-proxy or vx-core, not " + kind);
        };
        vertx.createHttpServer().requestHandler(handler).listen(port, "127.0.0.1");
      }
    }, new DeploymentOptions().setInstances(2 * Runtime.getRuntime().availableProcessors()));
  }

  private static void forward(HttpClient client, int backend, HttpServerRequest request) {
    request.pause();
    var options = new RequestOptions().setMethod(request.method()).setHost("127.0.0.1").setPort(backend)
        .setURI(request.uri()).setHeaders(request.headers());
    client.request(options)
        .compose(upstream -> upstream.send(request))
        .onSuccess(answer -> {
          var response = request.response().setStatusCode(answer.statusCode());
          response.headers().addAll(answer.headers());
          answer.pipeTo(response);
        })
        .onFailure(failure -> request.response().setStatusCode(502).end());
  }
}
