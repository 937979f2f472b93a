package dev.tokengate.web;

import jakarta.servlet.http.HttpServletRequest;

/** Finds the bearer token in a request. Replaceable: the filter takes any implementation. */
@FunctionalInterface
public interface BearerTokenResolver {
    TokenResolution resolve(HttpServletRequest request);
}
