package dev.aistudio.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The endpoints this service serves, read once from its resource classes: which methods a path allows and what an
 * endpoint reads and answers, for the answers Quarkus REST gives without saying ({@code 405} with no {@code Allow}
 * header, {@code 415} and {@code 406} naming {@code @Consumes} and {@code @Produces}).
 * <p>
 * A path is matched as JAX-RS does: first the resource class path that matches the longest start of it (resources
 * sharing a class path are one group), then that group's methods.
 */
@Singleton
public class Endpoints {

    /** One resource method: its whole path as a pattern, its HTTP method and media types. */
    record Endpoint(String classPath, Pattern path, String method, List<String> consumes, List<String> produces) {
    }

    private final BeanManager beans;
    private final String root;
    private volatile List<Endpoint> endpoints;

    public Endpoints(BeanManager beans, @ConfigProperty(name = "quarkus.rest.path", defaultValue = "/") String root) {
        this.beans = beans;
        this.root = root;
    }

    /** The methods {@code path} answers, with HEAD for GET and OPTIONS, as an {@code Allow} header lists them. */
    public Set<String> allowed(String path) {
        Set<String> methods = new TreeSet<>(Comparator.comparingInt(Endpoints::rank).thenComparing(m -> m));
        for (Endpoint endpoint : matching(path)) {
            methods.add(endpoint.method());
            if (endpoint.method().equals("GET")) {
                methods.add("HEAD");
            }
        }
        if (!methods.isEmpty()) {
            methods.add("OPTIONS");
        }
        return methods;
    }

    /** The media types {@code method} on {@code path} reads ({@code consumes}) or answers with, sorted. */
    public Set<String> mediaTypes(String method, String path, boolean consumes) {
        String asked = method.equals("HEAD") ? "GET" : method;
        return matching(path).stream().filter(e -> e.method().equals(asked))
                .flatMap(e -> (consumes ? e.consumes() : e.produces()).stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static int rank(String method) {
        int i = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS").indexOf(method);
        return i < 0 ? 100 : i;
    }

    private List<Endpoint> matching(String path) {
        String normalized = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        List<Endpoint> all = endpoints();
        String group = all.stream().map(Endpoint::classPath).distinct()
                .filter(classPath -> startsWith(normalized, classPath))
                .max(Comparator.comparingInt(Endpoints::literalLength)).orElse(null);
        if (group == null) {
            return List.of();
        }
        return all.stream().filter(e -> e.classPath().equals(group) && e.path().matcher(normalized).matches()).toList();
    }

    private static boolean startsWith(String path, String classPath) {
        Matcher matcher = pattern(classPath, "(/.*)?").matcher(path);
        return matcher.matches();
    }

    private static int literalLength(String template) {
        return template.replaceAll("\\{[^}]*}", "").length();
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> found = endpoints;
        if (found == null) {
            found = endpoints = read();
        }
        return found;
    }

    private List<Endpoint> read() {
        List<Endpoint> found = new ArrayList<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null || type.isInterface()) {
                continue;
            }
            String base = join(root, classPath.value());
            for (Method method : type.getMethods()) {
                String http = httpMethod(method);
                if (http == null) {
                    continue;
                }
                Path methodPath = method.getAnnotation(Path.class);
                String whole = methodPath == null ? base : join(base, methodPath.value());
                found.add(new Endpoint(base, pattern(whole, ""), http,
                        mediaTypes(method.getAnnotation(Consumes.class), type.getAnnotation(Consumes.class), Consumes::value),
                        mediaTypes(method.getAnnotation(Produces.class), type.getAnnotation(Produces.class), Produces::value)));
            }
        }
        return List.copyOf(found);
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static <A extends Annotation> List<String> mediaTypes(A onMethod, A onClass,
            java.util.function.Function<A, String[]> value) {
        A annotation = onMethod != null ? onMethod : onClass;
        if (annotation == null) {
            return List.of();
        }
        return Arrays.stream(value.apply(annotation)).flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private static String join(String base, String path) {
        String joined = (base.endsWith("/") ? base : base + "/") + (path.startsWith("/") ? path.substring(1) : path);
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** A path template as a pattern: {@code {id}} is one segment, {@code {id: regex}} its regex. */
    private static Pattern pattern(String template, String suffix) {
        StringBuilder regex = new StringBuilder();
        Matcher variable = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}").matcher(template);
        int at = 0;
        while (variable.find()) {
            regex.append(Pattern.quote(template.substring(at, variable.start())));
            regex.append('(').append(variable.group(1) == null ? "[^/]+" : "?:" + variable.group(1).trim()).append(')');
            at = variable.end();
        }
        regex.append(Pattern.quote(template.substring(at))).append(suffix);
        return Pattern.compile(regex.toString());
    }
}
