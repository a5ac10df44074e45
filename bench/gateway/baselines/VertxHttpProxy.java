import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.httpproxy.HttpProxy;

/**
 * A baseline for bench/gateway/run (BENCH_BASELINES=1): the library the gateway proxies with, vertx-http-proxy, on
 * plain Vert.x with nothing else: no Quarkus router, filters, metrics, CORS, forwarded headers, timers or request ids.
 * Same transport (epoll), event loops (two per core) and upstream pool per event loop as the gateway.
 * Run by the bench as a single-file program: java -cp <gateway's jars> VertxHttpProxy.java PORT BACKEND_PORT
 */
public class VertxHttpProxy {
  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int backend = Integer.parseInt(args[1]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    vertx.deployVerticle(() -> new AbstractVerticle() {
      @Override
      public void start() {
        var client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64));
        var proxy = HttpProxy.reverseProxy(client).origin(backend, "127.0.0.1");
        vertx.createHttpServer().requestHandler(proxy).listen(port, "127.0.0.1");
      }
    }, new DeploymentOptions().setInstances(2 * Runtime.getRuntime().availableProcessors()));
  }
}
