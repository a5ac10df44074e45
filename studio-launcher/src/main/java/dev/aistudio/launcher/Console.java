package dev.aistudio.launcher;

/** The launcher's own lines, set apart from the services' logs. */
final class Console {

    private Console() {
    }

    static synchronized void info(String message) {
        System.out.println("[studio ] " + message);
        System.out.flush();
    }

    static synchronized void error(String message) {
        System.err.println("[studio ] ERROR: " + message);
        System.err.flush();
    }

    static synchronized void line(String prefix, String line) {
        System.out.println(prefix + line);
    }
}
