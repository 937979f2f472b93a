package dev.tokengate.web;

import dev.tokengate.Authentication;
import dev.tokengate.BearerChallenge;
import dev.tokengate.RequestAuthentication;
import dev.tokengate.VerifiedToken;
import dev.tokengate.internal.http.LogThrottle;
import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.MessagePolicy;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tells the container who the caller is (Jakarta Authentication, Servlet Container Profile), so that EJB
 * {@code @RolesAllowed}, {@code EJBContext.isCallerInRole}, Jakarta Security's {@code SecurityContext},
 * {@code web.xml} security constraints and {@code HttpServletRequest.authenticate} see the same caller and roles as
 * tokengate. The token is validated by the filter's own pipeline, once per request: the outcome is stored where the
 * filter finds it ({@link RequestAuthentication#ATTRIBUTE}), so the filter does not validate it again.
 *
 * <p>Answers, by what the request carries and whether the container says the resource needs a caller
 * ({@code isMandatory}: a security constraint, or {@code authenticate()}):
 * <ul>
 *   <li>a valid token: the caller is the token (the principal, named as MicroProfile JWT names it) with its roles as
 *       groups;</li>
 *   <li>no token, or one that is not valid, where no caller is needed: anonymous. A stale token sent to a public
 *       resource must not break it; where tokengate itself protects a resource (protected paths, the JAX-RS
 *       binding), tokengate answers with its own challenge as without this module;</li>
 *   <li>no valid token where a caller is needed: tokengate's answer (401 with the Bearer challenge, 400, or 503 when
 *       the issuer is unreachable), written and committed here so the container adds nothing of its own;</li>
 *   <li>a valid token whose caller the container will not take (a server setting): 503, and a warning naming the
 *       setting.</li>
 * </ul>
 */
final class BearerAuthModule implements ServerAuthModule {
    /** The Servlet Container Profile's key; the {@code javax} spelling is what servers before Jakarta EE 9 used. */
    private static final String[] MANDATORY_KEYS = {
            "jakarta.security.auth.message.MessagePolicy.isMandatory",
            "javax.security.auth.message.MessagePolicy.isMandatory"};
    private static final Class<?>[] SUPPORTED_MESSAGE_TYPES = {HttpServletRequest.class, HttpServletResponse.class};

    private static final System.Logger LOG = System.getLogger("dev.tokengate");

    private final TokengateRuntime runtime;
    private final PathPatterns covered;
    private final LogThrottle refusedCallerLog = new LogThrottle(1, TimeUnit.MINUTES.toNanos(1), System.nanoTime());
    private volatile CallbackHandler handler;

    BearerAuthModule(TokengateRuntime runtime) {
        this.runtime = runtime;
        this.covered = new PathPatterns(runtime.config().filter().urlPatterns());
    }

    @Override
    public void initialize(MessagePolicy requestPolicy, MessagePolicy responsePolicy, CallbackHandler handler,
                           @SuppressWarnings("rawtypes") Map options) {
        this.handler = handler;
    }

    @Override
    public Class<?>[] getSupportedMessageTypes() {
        return SUPPORTED_MESSAGE_TYPES.clone();
    }

    @Override
    public AuthStatus validateRequest(MessageInfo messageInfo, Subject clientSubject, Subject serviceSubject)
            throws AuthException {
        if (!(messageInfo.getRequestMessage() instanceof HttpServletRequest request)
                || !(messageInfo.getResponseMessage() instanceof HttpServletResponse response)) {
            throw new AuthException("tokengate: not an HTTP request");
        }
        if (!covered.matches(ProtectedPaths.pathOf(request))) {
            return anonymous(clientSubject);
        }
        LazyRequestAuthentication authentication = request.getAttribute(RequestAuthentication.ATTRIBUTE)
                instanceof LazyRequestAuthentication known ? known : new LazyRequestAuthentication(request, runtime);
        request.setAttribute(RequestAuthentication.ATTRIBUTE, authentication);
        Authentication outcome = authentication.get();
        if (outcome instanceof Authentication.Authenticated authenticated) {
            try {
                return caller(clientSubject, authenticated.token());
            } catch (AuthException refused) {
                warnRefusedCaller(refused);
                answer(response, BearerChallenge.unavailable(runtime.config().retryAfter()));
                return AuthStatus.SEND_FAILURE;
            }
        }
        if (!isMandatory(messageInfo)) {
            return anonymous(clientSubject);
        }
        answer(response, authentication.challenge());
        return outcome instanceof Authentication.Anonymous ? AuthStatus.SEND_CONTINUE : AuthStatus.SEND_FAILURE;
    }

    /**
     * Written and completed (the stream closed, not only flushed), so that the container, which sees a failure
     * status, neither replaces it with an error page of its own nor tries to: WildFly's Undertow calls
     * {@code sendError} on any response not complete, which on a merely committed one logs an error per request.
     */
    private static void answer(HttpServletResponse response, BearerChallenge answer) throws AuthException {
        try {
            answer.writeTo(response);
            response.getOutputStream().close();
        } catch (IOException e) {
            throw failure("the answer could not be written", e);
        }
    }

    private AuthStatus caller(Subject subject, VerifiedToken token) throws AuthException {
        String[] groups = token.getRoles().toArray(String[]::new);
        handle(new CallerPrincipalCallback(subject, token), new GroupPrincipalCallback(subject, groups));
        return AuthStatus.SUCCESS;
    }

    /**
     * The token is valid but the container's callback handler would not take its caller: a server setting, not the
     * client's fault, so the client gets 503 rather than a 500 or a 401 that would blame its token.
     */
    private void warnRefusedCaller(AuthException refused) {
        long suppressed = refusedCallerLog.admit(System.nanoTime());
        if (suppressed >= 0) {
            Throwable cause = refused.getCause() == null ? refused : refused.getCause();
            LOG.log(System.Logger.Level.WARNING, "tokengate: the container refused the caller of a valid token ({0});"
                    + " answering 503. The server may need a setting for container authentication (the README's server"
                    + " table){1}", cause.getClass().getName(), LogThrottle.suppressedNote(suppressed));
        }
    }

    /** The profile's way to say "no caller, go on": a caller principal callback without a principal. */
    private AuthStatus anonymous(Subject subject) throws AuthException {
        handle(new CallerPrincipalCallback(subject, (java.security.Principal) null));
        return AuthStatus.SUCCESS;
    }

    private void handle(Callback... callbacks) throws AuthException {
        try {
            handler.handle(callbacks);
        } catch (IOException | javax.security.auth.callback.UnsupportedCallbackException | RuntimeException e) {
            throw failure("the container refused the caller", e);
        }
    }

    private static AuthException failure(String what, Exception cause) {
        AuthException failure = new AuthException("tokengate: " + what + " (" + cause.getClass().getName() + ")");
        failure.initCause(cause);
        return failure;
    }

    private static boolean isMandatory(MessageInfo messageInfo) {
        Map<?, ?> map = messageInfo.getMap();
        for (String key : MANDATORY_KEYS) {
            Object value = map.get(key);
            if (value != null) {
                return Boolean.parseBoolean(value.toString());
            }
        }
        return false;
    }

    @Override
    public AuthStatus secureResponse(MessageInfo messageInfo, Subject serviceSubject) {
        return AuthStatus.SEND_SUCCESS;
    }

    /** The principals are the ones the callbacks of {@link #validateRequest} put there: the module adds nothing else. */
    @Override
    public void cleanSubject(MessageInfo messageInfo, Subject subject) {
        if (subject != null) {
            subject.getPrincipals().clear();
        }
    }
}
