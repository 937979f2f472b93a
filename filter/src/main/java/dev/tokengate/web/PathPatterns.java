package dev.tokengate.web;

import java.util.List;

/**
 * Servlet URL patterns ({@code /exact}, {@code /prefix/*}, {@code *.ext}, {@code /*}, {@code /}) matched against the
 * container's decoded, normalized path within the application, never against the raw URI, so encodings,
 * {@code ;params} and {@code ..} cannot slip a request past a pattern.
 */
record PathPatterns(List<String> patterns) {
    public PathPatterns {
        patterns = List.copyOf(patterns);
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    public boolean matches(String path) {
        for (String pattern : patterns) {
            if (matches(pattern, path)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String pattern, String path) {
        if (pattern.equals("/*") || pattern.equals("/")) {
            return true;
        }
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix) && path.charAt(prefix.length()) == '/';
        }
        if (pattern.startsWith("*.")) {
            int slash = path.lastIndexOf('/');
            return path.substring(slash + 1).endsWith(pattern.substring(1));
        }
        return path.equals(pattern);
    }
}
