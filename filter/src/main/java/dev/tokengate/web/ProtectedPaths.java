package dev.tokengate.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import java.util.List;

/** Which requests the filter itself must see a valid token for ({@code tokengate.protected-paths}). */
final class ProtectedPaths {
    private final PathPatterns patterns;

    ProtectedPaths(List<String> patterns) {
        this.patterns = new PathPatterns(patterns);
    }

    /**
     * Whether the filter itself must see a valid token. A CORS preflight is let through: browsers never send
     * credentials with it, so refusing it would break every cross-origin call, and it reaches no resource method.
     */
    boolean protects(HttpServletRequest request) {
        return !patterns.isEmpty() && !isCorsPreflight(request) && patterns.matches(pathOf(request));
    }

    private static boolean isCorsPreflight(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod()) && request.getHeader("Origin") != null
                && request.getHeader("Access-Control-Request-Method") != null;
    }

    /** The container's decoded, normalised path within the application; an include's target's path for an include. */
    static String pathOf(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        if (request.getDispatcherType() == DispatcherType.INCLUDE) {
            servletPath = (String) request.getAttribute(RequestDispatcher.INCLUDE_SERVLET_PATH);
            pathInfo = (String) request.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO);
        }
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return path.isEmpty() ? "/" : path;
    }
}
