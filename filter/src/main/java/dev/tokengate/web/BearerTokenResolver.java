package dev.tokengate.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Finds the bearer token in a request: the first step of the pipeline. {@link Rfc6750TokenResolver} is the one
 * implementation; it is an interface so that the step stands on its own (and is tested on its own), not a published
 * extension point.
 */
@FunctionalInterface
interface BearerTokenResolver {
    TokenResolution resolve(HttpServletRequest request);
}
