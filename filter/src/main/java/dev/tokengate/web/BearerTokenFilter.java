package dev.tokengate.web;

import dev.tokengate.AccessDeniedException;
import dev.tokengate.Authentication;
import dev.tokengate.BearerChallenge;
import dev.tokengate.internal.claims.StepUpRequirement;
import dev.tokengate.RequestAuthentication;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * The servlet edge. For every request it mapped to, it wraps the request so that the caller's token is validated when
 * first asked for ({@link BearerRequest}); for paths configured as protected it asks at once and answers the
 * rejection itself, so plain servlets are protected without any JAX-RS. Registered by {@link TokengateInitializer},
 * or declared in {@code web.xml} (then it builds its configuration in {@link #init}).
 */
public final class BearerTokenFilter implements Filter {
    private volatile TokengateRuntime runtime;
    /** Set when {@link #init} built the runtime (the web.xml route): then {@link #destroy} releases it. */
    private volatile boolean ownsRuntime;
    private volatile ContainerBookkeeping bookkeeping = ContainerBookkeeping.NONE;

    /** For {@code web.xml}: configuration is read in {@link #init}. */
    public BearerTokenFilter() {
    }

    /**
     * With a runtime already built, as the initializer registers it.
     *
     * @param runtime the application's tokengate
     */
    public BearerTokenFilter(TokengateRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        bookkeeping = ContainerBookkeeping.forServer(filterConfig.getServletContext().getServerInfo());
        if (runtime == null) {
            boolean existed = filterConfig.getServletContext().getAttribute(ServletContextRuntime.ATTRIBUTE) != null;
            runtime = ServletContextRuntime.forContext(filterConfig.getServletContext());
            ownsRuntime = !existed;
        }
    }

    @Override
    public void destroy() {
        TokengateRuntime current = runtime;
        if (ownsRuntime && current != null) {
            current.close();
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest httpRequest) || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        TokengateRuntime current = runtime;
        // A forward, include or async dispatch reuses the outcome of the original request: validated once per request.
        LazyRequestAuthentication authentication = httpRequest.getAttribute(RequestAuthentication.ATTRIBUTE) instanceof LazyRequestAuthentication known
                ? known : new LazyRequestAuthentication(httpRequest, current);
        httpRequest.setAttribute(RequestAuthentication.ATTRIBUTE, authentication);
        BearerRequest wrapped = httpRequest instanceof BearerRequest already ? already
                : new BearerRequest(httpRequest, authentication, bookkeeping);

        String nonce = current.authenticator().dpopNonceFor(httpRequest);
        if (nonce != null) {
            // on every answer, refusals included: the client's next proof needs it (RFC 9449 §8)
            httpResponse.setHeader("DPoP-Nonce", nonce);
        }
        if (current.protectedPaths().protects(httpRequest)) {
            Authentication outcome = authentication.get();
            if (!(outcome instanceof Authentication.Authenticated)) {
                authentication.challenge().writeTo(httpResponse);
                return;
            }
            StepUpRequirement stepUp = current.config().filter().protectedPathsStepUp();
            if (stepUp.demandsAnything()) {
                Optional<BearerChallenge> shortfall = authentication.stepUp(stepUp.acrValues(), stepUp.maxAge().orElse(null));
                if (shortfall.isPresent()) {
                    shortfall.get().writeTo(httpResponse);
                    return;
                }
            }
        }
        try {
            chain.doFilter(wrapped, response);
        } catch (RuntimeException | ServletException failure) {
            AccessDeniedException refused = deniedIn(failure);
            if (refused == null || httpResponse.isCommitted()) {
                throw failure;
            }
            // a CDI bean's role annotation refused a call a servlet made: the client's doing, so never a 500
            httpResponse.reset();
            authentication.denied(refused).writeTo(httpResponse);
        }
    }

    /** The refusal of tokengate's CDI interceptor, thrown as is or wrapped (by a servlet, a framework), else null. */
    private static AccessDeniedException deniedIn(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 8; cause = cause.getCause(), depth++) {
            if (cause instanceof AccessDeniedException refused) {
                return refused;
            }
        }
        return null;
    }
}
