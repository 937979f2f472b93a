package dev.tokengate.web;

import dev.tokengate.BearerChallenge;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Stands where the bearer-token filter would, when its configuration was refused: every request gets a 503. */
final class NotConfiguredFilter implements Filter {
    private static final BearerChallenge ANSWER = BearerChallenge.notConfigured();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (response instanceof HttpServletResponse http) {
            ANSWER.writeTo(http);
        }
    }
}
