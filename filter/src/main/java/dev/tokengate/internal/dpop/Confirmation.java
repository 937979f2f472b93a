package dev.tokengate.internal.dpop;

import java.util.Map;

/**
 * The token's {@code cnf} claim (RFC 7800), where sender-constrained tokens say what they are bound to: {@code jkt}
 * for a DPoP key (RFC 9449 §6), {@code x5t#S256} for a client certificate (RFC 8705 §3.1). A JWT and an introspection
 * response carry it the same way.
 */
public final class Confirmation {
    public static final String JWK_THUMBPRINT = "jkt";
    public static final String CERTIFICATE_THUMBPRINT = "x5t#S256";

    private Confirmation() {
    }

    /**
     * @return the member's value; {@code null} when there is none. A {@code cnf} or member of the wrong type counts as
     * present with a value nothing can match ({@code ""}), so a malformed binding never turns into no binding.
     */
    public static String of(Map<String, Object> claims, String member) {
        Object cnf = claims.get("cnf");
        if (cnf == null) {
            return null;
        }
        if (!(cnf instanceof Map<?, ?> confirmation)) {
            return "";
        }
        Object value = confirmation.get(member);
        if (value == null) {
            return confirmation.containsKey(member) ? "" : null;
        }
        return value instanceof String text ? text : "";
    }
}
