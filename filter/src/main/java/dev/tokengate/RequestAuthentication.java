package dev.tokengate;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import java.util.Collection;
import java.util.function.Supplier;

/**
 * The contract between the servlet filter and whatever authorizes later in the request: the JAX-RS binding, or an
 * adapter for another framework. The filter stores one under {@link #ATTRIBUTE} on every request it sees; JAX-RS
 * request properties are the servlet request's attributes, so the binding finds it there too. Nothing else of the
 * filter is needed to authorize a request, and a request without this attribute was never seen by the filter: treat
 * it as carrying no token.
 */
public interface RequestAuthentication extends Supplier<Authentication> {

    /** The request attribute under which the filter stores the request's {@code RequestAuthentication}. */
    String ATTRIBUTE = "dev.tokengate.RequestAuthentication";

    /**
     * The {@code ServletContext} attribute that says ({@link Boolean#TRUE}) some resource of the application requires
     * DPoP: the JAX-RS binding sets it at deployment when it finds a {@code @RequiresDPoP}, so that the filter
     * understands the {@code DPoP} scheme even where {@code tokengate.dpop.policy} leaves it off by default.
     */
    String DPOP_RESOURCES_ATTRIBUTE = "dev.tokengate.dpop-resources";

    /**
     * The authentication of the request, validating its token on the first call and remembering the outcome: an
     * endpoint that never asks costs no validation work.
     *
     * @return the outcome, never {@code null}
     */
    @Override
    Authentication get();

    /**
     * The answer for this request when {@link #get()} is not {@link Authentication.Authenticated}: 400 or 401 with
     * the RFC 6750 challenge, or 503 with {@code Retry-After} when the issuer could not be reached.
     *
     * @return the response to send instead of the resource's
     */
    BearerChallenge challenge();

    /**
     * The 403 for a validated token that lacks some of {@code requiredScopes}, in the configured realm.
     *
     * @param requiredScopes the scopes the resource needs, named in the challenge's {@code scope} attribute
     * @return the response to send instead of the resource's
     */
    BearerChallenge insufficientScope(Collection<String> requiredScopes);

    /**
     * RFC 9470 step-up: whether the login behind this request's token is strong and fresh enough. Empty when the
     * token's {@code acr} is one of {@code acrValues} (or none are listed) and its {@code auth_time} is no older than
     * {@code maxAge} (or none is given); otherwise the 401 {@code insufficient_user_authentication} challenge naming
     * what is demanded, or, for a request without a valid token, its {@link #challenge()}.
     *
     * @param acrValues the accepted authentication context classes, any one of them (printable ASCII, no spaces or
     *                  quotes: they go into the challenge as they are)
     * @param maxAge    the greatest age of the login, or {@code null} for any
     * @return the response to send instead of the resource's, or empty to go on
     * @throws IllegalArgumentException for an acr value that cannot go into a challenge, or a negative age
     */
    Optional<BearerChallenge> stepUp(Set<String> acrValues, Duration maxAge);

    /**
     * The 403 for a caller refused for {@code reason} ({@link RejectionReason#MISSING_ROLE},
     * {@link RejectionReason#CLOSED_TO_ALL}), in the configured realm.
     *
     * @param reason why the caller may not go on
     * @return the response to send instead of the resource's
     */
    BearerChallenge forbidden(RejectionReason reason);

    /**
     * For a resource that accepts only DPoP-bound tokens (RFC 9449), whatever the application's policy: empty when the
     * caller's token came with a valid proof; otherwise the 401 that offers the {@code DPoP} scheme alone, or a 503
     * when the application has DPoP switched off ({@code tokengate.dpop.policy=disabled}).
     *
     * @return the answer for a caller who did not prove possession, or empty
     */
    default Optional<BearerChallenge> requireDPoP() {
        return Optional.of(BearerChallenge.notConfigured());
    }

    /**
     * The answer when a bean's role annotation refused a call this request made: 403 for a missing role or
     * {@code @DenyAll} (and for any refusal of a caller whose token is valid), otherwise this request's
     * {@link #challenge()} (401 without a valid token, 503 when the issuer could not be reached).
     *
     * @param refused what tokengate's CDI interceptor threw
     * @return the response to send instead of the resource's
     */
    default BearerChallenge denied(AccessDeniedException refused) {
        RejectionReason reason = refused.reason();
        boolean forbidden = reason == RejectionReason.MISSING_ROLE || reason == RejectionReason.CLOSED_TO_ALL;
        if (forbidden) {
            return forbidden(reason);
        }
        return get() instanceof Authentication.Authenticated ? forbidden(RejectionReason.MISSING_ROLE) : challenge();
    }

    /**
     * Whether the JAX-RS binding enforces {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll}
     * ({@code tokengate.jaxrs.role-annotations}, default {@code true}); {@code false} leaves them to the container.
     *
     * @return whether role annotations are tokengate's to enforce
     */
    boolean enforcesRoleAnnotations();
}
