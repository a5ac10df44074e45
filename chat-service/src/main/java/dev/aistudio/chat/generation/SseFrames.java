package dev.aistudio.chat.generation;

/**
 * The server-sent events wire format, as Quarkus REST's {@code SseUtil} writes it: {@code id:}, {@code event:}, the
 * data as one {@code data:} line per line of it, and an empty line. A comment is {@code :text} and an empty line.
 */
final class SseFrames {

    private SseFrames() {
    }

    static String event(String name, int id, String data) {
        StringBuilder frame = new StringBuilder(data.length() + name.length() + 32);
        frame.append("id:").append(id).append('\n').append("event:").append(name).append('\n').append("data:");
        if (data.indexOf('\n') < 0 && data.indexOf('\r') < 0) {
            return frame.append(data).append("\n\n").toString(); // one line: JSON always is
        }
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\n' || c == '\r') {
                // a line break starts another data line (a client joins them with \n); \n\r counts as one, as in
                // Quarkus REST's SseUtil, so the wire stays as it was
                if (c == '\n' && i + 1 < data.length() && data.charAt(i + 1) == '\r') {
                    i++;
                }
                frame.append('\n').append("data:");
            } else {
                frame.append(c);
            }
        }
        return frame.append("\n\n").toString();
    }

    static String comment(String text) {
        return ":" + text + "\n\n";
    }
}
