package dev.tokengate.testing;

import dev.tokengate.VerifiedToken;

/** Calls every accessor an application may call on a token, so that a fuzz target finds any that throws. */
public final class Accessors {
    private Accessors() {
    }

    /**
     * @param token a validated token
     * @return a number depending on every answer, so that no call can be optimised away
     */
    public static int readEverything(VerifiedToken token) {
        int seen = String.valueOf(token.getName()).length() + String.valueOf(token.getSubject()).length()
                + String.valueOf(token.getIssuer()).length() + String.valueOf(token.getAudience()).length()
                + token.getGroups().size() + token.getScopes().values().size() + String.valueOf(token.getTokenID()).length()
                + Long.hashCode(token.getExpirationTime()) + Long.hashCode(token.getIssuedAtTime())
                + token.getClaimNames().size() + token.rawClaims().toString().length();
        for (String name : token.getClaimNames()) {
            seen += String.valueOf((Object) token.getClaim(name)).length();
        }
        return seen;
    }
}
