package dev.tokengate.jaxrs;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one resource method demands of the login behind its caller's token, computed once at deployment from its
 * {@link RequiresUserAuthentication}.
 *
 * @param acrValues the accepted {@code acr} values, in declaration order; empty: any
 * @param maxAge    the greatest age of the login, or {@code null}: any
 */
record LoginRequirement(Set<String> acrValues, Duration maxAge) {

    LoginRequirement {
        acrValues = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(acrValues));
        for (String value : acrValues) {
            if (!value.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) {
                throw new IllegalArgumentException("@RequiresUserAuthentication acr value \"" + value + "\" cannot be"
                        + " sent in a challenge (printable ASCII without space, '\"' or '\\')");
            }
        }
    }

    static LoginRequirement of(RequiresUserAuthentication annotation) {
        return new LoginRequirement(new LinkedHashSet<>(List.of(annotation.acr())),
                annotation.maxAge() < 0 ? null : Duration.ofSeconds(annotation.maxAge()));
    }
}
