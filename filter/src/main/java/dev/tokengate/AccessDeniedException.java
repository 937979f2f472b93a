package dev.tokengate;

/**
 * A CDI bean's {@code @RolesAllowed} or {@code @DenyAll} refused the call. Thrown by tokengate's interceptor before
 * the method runs; the JAX-RS binding answers it as it answers the same annotation on a resource (401 with the
 * challenge when there is no valid token, 403 otherwise), and other callers may catch it like
 * {@code EJBAccessException}. Its message is fixed text: nothing of the request or the token.
 */
public final class AccessDeniedException extends SecurityException {
    private static final long serialVersionUID = 1L;

    /** Why the call was refused: {@link RejectionReason#MISSING_ROLE}, {@link RejectionReason#CLOSED_TO_ALL}, or the
     *  reason the request has no valid token ({@link RejectionReason#MISSING_TOKEN}, an invalid token's reason). */
    private final RejectionReason reason;

    /**
     * @param reason why the call was refused
     */
    public AccessDeniedException(RejectionReason reason) {
        super(reason.description());
        this.reason = reason;
    }

    /** @return why the call was refused */
    public RejectionReason reason() {
        return reason;
    }
}
