package dev.aistudio.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the local stack puts things, from command-line options first, then environment variables, then defaults.
 *
 * @param home       the repository checkout (holds the built services)
 * @param dataDir    kept between runs: PostgreSQL's data, logs
 * @param host       the address every server binds to
 * @param ports      gateway, user, chat, image and PostgreSQL ports
 * @param dev        what only {@code ./studio dev} uses
 */
record Settings(Path home, Path dataDir, String host, Ports ports, Dev dev) {

    /**
     * @param webPort   the Vite dev server's port
     * @param debugPort the first of four JDWP ports (user, chat, image, gateway), or 0: no debugger
     */
    record Dev(int webPort, int debugPort) {
    }

    record Ports(int gateway, int user, int chat, int image, int postgres) {
    }

    static Settings from(List<String> args, Map<String, String> env, Path home) {
        Map<String, String> options = options(args);
        String xdg = env.getOrDefault("XDG_DATA_HOME", System.getProperty("user.home") + "/.local/share");
        Path dataDir = Path.of(pick(options, "data-dir", env, "STUDIO_DATA_DIR", xdg + "/ai-studio-3d"));
        String host = pick(options, "host", env, "STUDIO_HOST", "127.0.0.1");
        Ports ports = new Ports(
                port(pick(options, "port", env, "STUDIO_PORT", "8080"), "gateway"),
                port(pick(options, "user-port", env, "STUDIO_USER_PORT", "8081"), "user-service"),
                port(pick(options, "chat-port", env, "STUDIO_CHAT_PORT", "8082"), "chat-service"),
                port(pick(options, "image-port", env, "STUDIO_IMAGE_PORT", "8083"), "image-service"),
                port(pick(options, "pg-port", env, "STUDIO_PG_PORT", "54329"), "PostgreSQL"));
        String debug = pick(options, "debug-port", env, "STUDIO_DEBUG_PORT", "0");
        Dev dev = new Dev(port(pick(options, "web-port", env, "STUDIO_WEB_PORT", "5173"), "Vite dev server"),
                "0".equals(debug.trim()) ? 0 : port(debug, "first debug"));
        return new Settings(home, dataDir.toAbsolutePath(), host, ports, dev);
    }

    Path postgresDir() {
        return dataDir.resolve("postgres");
    }

    Path logDir() {
        return dataDir.resolve("logs");
    }

    Path pidFile() {
        return dataDir.resolve("services.pid");
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> options = new java.util.HashMap<>();
        List<String> rest = new ArrayList<>(args);
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("--")) {
                continue;
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < rest.size()) {
                value = rest.get(++i);
            } else {
                throw new UsageException("option --" + name + " needs a value");
            }
            options.put(name, value);
        }
        return options;
    }

    private static String pick(Map<String, String> options, String option, Map<String, String> env, String var,
            String fallback) {
        String value = options.get(option);
        if (value == null || value.isBlank()) {
            value = env.get(var);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int port(String value, String what) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("the " + what + " port '" + value + "' is not a port number (1-65535)");
        }
    }

    /** A mistake in how the launcher was called: reported as one line, never as a stack trace. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
