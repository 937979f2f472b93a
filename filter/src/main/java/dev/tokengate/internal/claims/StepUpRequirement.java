package dev.tokengate.internal.claims;

import dev.tokengate.RejectionReason;
import dev.tokengate.VerifiedToken;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What RFC 9470 lets a resource demand of the login behind a token: an {@code acr} among {@code acrValues} (when
 * any are listed) and an {@code auth_time} no older than {@code maxAge} (when set). A token that falls short is
 * answered 401 {@code insufficient_user_authentication}, so the client can send the user to log in again.
 *
 * @param acrValues the authentication context classes accepted, any one of them, in the order given; empty: any
 * @param maxAge    the greatest age of the login; empty: any
 */
public record StepUpRequirement(Set<String> acrValues, Optional<Duration> maxAge) {
    /** Demands nothing. */
    public static final StepUpRequirement NONE = new StepUpRequirement(Set.of(), Optional.empty());

    public StepUpRequirement {
        acrValues = Collections.unmodifiableSet(new LinkedHashSet<>(acrValues)); // the challenge lists them as configured
        for (String value : acrValues) {
            if (!isAttributeSafe(value)) {
                throw new IllegalArgumentException("an acr value must be printable ASCII without spaces, '\"' or '\\\\'");
            }
        }
        if (maxAge.isPresent() && maxAge.get().isNegative()) {
            throw new IllegalArgumentException("a maximum authentication age cannot be negative");
        }
    }

    /** Values go into a quoted, space-separated challenge attribute ({@code acr_values="a b"}) as they are. */
    static boolean isAttributeSafe(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** @return whether this demands anything at all */
    public boolean demandsAnything() {
        return !acrValues.isEmpty() || maxAge.isPresent();
    }

    /**
     * Why {@code token} falls short, if it does: its {@code acr} is missing, not a string, or not one of
     * {@link #acrValues} ({@link RejectionReason#WEAK_AUTHENTICATION}); or its {@code auth_time} is missing, not a
     * number, or older than {@link #maxAge} plus {@code clockSkew} ({@link RejectionReason#STALE_AUTHENTICATION}).
     */
    public Optional<RejectionReason> shortfall(VerifiedToken token, Instant now, Duration clockSkew) {
        if (!acrValues.isEmpty() && !(token.rawClaims().get("acr") instanceof String acr && acrValues.contains(acr))) {
            return Optional.of(RejectionReason.WEAK_AUTHENTICATION);
        }
        if (maxAge.isPresent()) {
            Object authTime = token.rawClaims().get("auth_time");
            if (!(authTime instanceof Number seconds) || !Double.isFinite(seconds.doubleValue())) {
                return Optional.of(RejectionReason.STALE_AUTHENTICATION);
            }
            long loginAge = now.getEpochSecond() - (long) Math.floor(seconds.doubleValue());
            if (loginAge > maxAge.get().toSeconds() + clockSkew.toSeconds()) {
                return Optional.of(RejectionReason.STALE_AUTHENTICATION);
            }
        }
        return Optional.empty();
    }
}
