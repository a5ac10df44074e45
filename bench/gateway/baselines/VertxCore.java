import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;

/**
 * A baseline for bench/gateway/run (BENCH_BASELINES=1): the floor of any proxy built on Vert.x. Each request is
 * forwarded with Vert.x core alone: method, URI and headers copied, body and answer piped, no hop-by-hop header
 * handling, no errors beyond a bare 502. Not a usable proxy; it shows what Vert.x' HTTP server and client cost per
 * request before any proxy library or framework.
 * Run by the bench as a single-file program: java -cp <gateway's jars> VertxCore.java PORT BACKEND_PORT
 */
public class VertxCore {
  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int backend = Integer.parseInt(args[1]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    vertx.deployVerticle(() -> new AbstractVerticle() {
      @Override
      public void start() {
        var client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64));
        vertx.createHttpServer().requestHandler((HttpServerRequest request) -> {
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
        }).listen(port, "127.0.0.1");
      }
    }, new DeploymentOptions().setInstances(2 * Runtime.getRuntime().availableProcessors()));
  }
}
