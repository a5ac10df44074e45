package dev.aistudio.image.job;

/** One {@code Range: bytes=…} span (RFC 9110); several spans or other units are answered in full. */
final class ByteRange {

    private ByteRange() {
    }

    /** {start, end} inclusive, or null when the header is absent, not a single byte range, or unsatisfiable. */
    static long[] parse(String header, long length) {
        if (header == null || !header.startsWith("bytes=") || header.contains(",") || length == 0) {
            return null;
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            long start;
            long end;
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                if (suffix <= 0) {
                    return null;
                }
                start = Math.max(0, length - suffix);
                end = length - 1;
            } else {
                start = Long.parseLong(first);
                end = last.isEmpty() ? length - 1 : Math.min(Long.parseLong(last), length - 1);
            }
            return start <= end && start < length ? new long[] { start, end } : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean isUnsatisfiable(String header, long length) {
        if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
            return false;
        }
        try {
            String spec = header.substring(6).trim();
            int dash = spec.indexOf('-');
            return dash > 0 && Long.parseLong(spec.substring(0, dash).trim()) >= length;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
