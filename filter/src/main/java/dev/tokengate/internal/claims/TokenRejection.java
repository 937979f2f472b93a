package dev.tokengate.internal.claims;

import dev.tokengate.RejectionReason;

/**
 * Thrown by one validation step to say exactly why a token fails. Control flow for an expected outcome, so it records
 * no stack trace: rejecting a flood of bad tokens costs no more than accepting good ones.
 */
public final class TokenRejection extends Exception {
    private final RejectionReason reason;

    public TokenRejection(RejectionReason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
