package dev.tokengate.web;

import java.util.List;
import java.util.Map;

/**
 * tokengate's JMX view of one application, registered as {@code dev.tokengate:type=Tokengate,application="<context
 * path>"} on the platform MBean server while the application runs (every server has JMX; no API jar is needed). Keys
 * of the maps are the series' labels joined by spaces; every label comes from a closed set (configured issuer names,
 * {@code unknown}, rejection reasons in lower case, call kinds, cache names), never from a token or a request.
 */
public interface TokengateMXBean {

    /** @return the application's context path ({@code /} for the root) */
    String getApplication();

    /** @return tokens accepted, by issuer name ({@code default} and each of {@code tokengate.issuers}) */
    Map<String, Long> getAcceptedTokens();

    /** @return refusals by {@code "<reason> <issuer>"}: failed validations, and 401/403 answers of authorization */
    Map<String, Long> getRefusals();

    /** @return calls to issuers by {@code "<jwks|introspection|userinfo> <issuer> <success|failure>"} */
    Map<String, Long> getIssuerCalls();

    /** @return total seconds those calls took, keyed the same way */
    Map<String, Double> getIssuerCallSeconds();

    /** @return seconds since each issuer that fetches its keys last loaded them; {@code -1} while it never has */
    Map<String, Long> getKeySetAgeSeconds();

    /** @return cache events by {@code "<verified-tokens|issuer-answers> <issuer> <hit|miss|eviction>"} */
    Map<String, Long> getCacheEvents();

    /** @return whether every issuer can be relied on (see {@link #getReadinessProblems()}) */
    boolean isReady();

    /**
     * @return one line per issuer that is not ready: a JWKS-keyed issuer with no key set loaded yet, or introspection
     * or userinfo calls failing longer than {@code tokengate.health.failure-threshold}, each with its last error
     */
    List<String> getReadinessProblems();

    /** @return seconds left during which each rejection is logged at INFO instead of DEBUG; 0 when not */
    long getRejectionsAtInfoSecondsLeft();

    /**
     * Logs rejections at INFO (still at most 10 lines per reason per minute) for a while, without a restart: for
     * finding out why a client is refused in production. {@code 0} goes back to DEBUG at once.
     *
     * @param minutes how long, at most 1440
     */
    void logRejectionsAtInfo(int minutes);
}
