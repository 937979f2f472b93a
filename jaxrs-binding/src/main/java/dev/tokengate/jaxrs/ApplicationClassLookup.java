package dev.tokengate.jaxrs;

import jakarta.servlet.ServletConfig;
import jakarta.ws.rs.core.Application;

/**
 * Finds the application's own {@code Application} subclass, whose {@link RequiresScope} binds every resource. Some
 * runtimes inject it as is; Jersey injects a wrapper of its own. The portable fallback is the servlet deployment
 * contract of Jakarta REST (§2.3.2): the servlet that serves the application names the class in its
 * {@code jakarta.ws.rs.Application} init parameter, or is itself named after it.
 */
final class ApplicationClassLookup {
    static final String APPLICATION_PARAMETER = "jakarta.ws.rs.Application";

    private ApplicationClassLookup() {
    }

    static Class<?> find(Application injected, ServletConfig servlet) {
        if (injected != null && injected.getClass().isAnnotationPresent(RequiresScope.class)) {
            return injected.getClass();
        }
        Class<?> named = namedByServlet(servlet);
        if (named != null) {
            return named;
        }
        return injected == null ? null : injected.getClass();
    }

    /**
     * The class the serving servlet names. A runtime may inject a {@code ServletConfig} proxy that has nothing behind
     * it while features configure (Apache CXF's thread-local proxy throws); then there is no servlet to ask.
     */
    private static Class<?> namedByServlet(ServletConfig servlet) {
        if (servlet == null) {
            return null;
        }
        try {
            String parameter = servlet.getInitParameter(APPLICATION_PARAMETER);
            return load(parameter != null ? parameter : servlet.getServletName(), servlet);
        } catch (RuntimeException noServletBehindTheProxy) {
            return null;
        }
    }

    private static Class<?> load(String className, ServletConfig servlet) {
        if (className == null || className.isEmpty()) {
            return null;
        }
        ClassLoader loader = servlet.getServletContext().getClassLoader();
        if (loader == null) {
            // An embedded container may have no application class loader of its own.
            loader = Thread.currentThread().getContextClassLoader();
        }
        try {
            Class<?> type = Class.forName(className, false, loader);
            return Application.class.isAssignableFrom(type) ? type : null;
        } catch (ClassNotFoundException | LinkageError notAClass) {
            return null; // a servlet name that is not a class name: no application-level binding from it
        }
    }
}
