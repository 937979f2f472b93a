package dev.tokengate.web;

import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.VerifiedToken;
import dev.tokengate.internal.config.TokengateConfig.ClientCertificateSettings;
import dev.tokengate.internal.config.TokengateConfig.DPoPSettings;
import dev.tokengate.internal.dpop.Confirmation;
import dev.tokengate.internal.dpop.DPoPVerifier;
import dev.tokengate.internal.dpop.HttpUri;
import dev.tokengate.internal.mtls.CertificateThumbprint;
import jakarta.servlet.http.HttpServletRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;

/**
 * What a validated token's binding demands of the request that carried it. A certificate-bound token
 * ({@code cnf.x5t#S256}, RFC 8705) must come over TLS with that client certificate. A DPoP-bound token
 * ({@code cnf.jkt}) must come with the {@code DPoP} scheme and a valid proof (RFC 9449 §7.1); sent as a bearer token
 * it is refused (§7.2). Where DPoP is required, a bearer token is refused before it is even validated.
 */
final class SenderConstraints {
    static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";
    static final String DPOP_HEADER = "DPoP";

    private final DPoPSettings.Policy policy;
    private final DPoPVerifier dpop;
    private final ClientCertificateSettings certificates;
    private final RequestOrigin origin;

    /** @param dpop the proof checks */
    SenderConstraints(DPoPSettings.Policy policy, DPoPVerifier dpop, ClientCertificateSettings certificates,
                      RequestOrigin origin) {
        this.policy = policy;
        this.dpop = dpop;
        this.certificates = certificates;
        this.origin = origin;
    }

    /**
     * The {@code DPoP-Nonce} for the response to a request that carries a DPoP proof, when nonces are on (RFC 9449
     * §8: the client's next proof must carry it, and it changes over time), else {@code null}.
     */
    String nonceFor(HttpServletRequest request) {
        return dpop.usesNonces() && request.getHeader(DPOP_HEADER) != null ? dpop.currentNonce() : null;
    }

    /** Whether a bearer token is refused before validation: this application accepts only DPoP. */
    boolean refusesBearer() {
        return policy == DPoPSettings.Policy.REQUIRED;
    }

    /**
     * @param outcome    the token's validation
     * @param dpopScheme whether it came with the {@code DPoP} scheme
     * @return the outcome, or a rejection when the token's binding does not hold for this request
     */
    Authentication check(Authentication outcome, String rawToken, boolean dpopScheme, HttpServletRequest request) {
        if (!(outcome instanceof Authentication.Authenticated authenticated)) {
            return outcome;
        }
        VerifiedToken token = authenticated.token();
        Map<String, Object> claims = token.rawClaims();
        String certificateBinding = Confirmation.of(claims, Confirmation.CERTIFICATE_THUMBPRINT);
        if (certificateBinding != null && !sameAscii(certificateBinding, clientCertificateThumbprint(request))) {
            return new Authentication.Rejected(RejectionReason.CERTIFICATE_MISMATCH);
        }
        if (!dpopScheme) {
            return Confirmation.of(claims, Confirmation.JWK_THUMBPRINT) != null
                    ? new Authentication.Rejected(RejectionReason.DPOP_BOUND_TOKEN_AS_BEARER) : outcome;
        }
        Enumeration<String> proofs = request.getHeaders(DPOP_HEADER);
        String proof = proofs != null && proofs.hasMoreElements() ? proofs.nextElement() : null;
        if (proof == null || proofs.hasMoreElements()) {
            return new Authentication.Rejected(RejectionReason.DPOP_PROOF_MISSING);
        }
        String requestOrigin = origin.of(request);
        String requestUri = requestOrigin == null ? null : HttpUri.normalized(requestOrigin + request.getRequestURI());
        RejectionReason refused = dpop.verify(proof, request.getMethod(), requestUri, rawToken, claims);
        return refused == null ? new Authentication.Authenticated(token, Authentication.Authenticated.DPOP)
                : new Authentication.Rejected(refused);
    }

    /**
     * The client certificate's thumbprint: from the trusted proxy's header when the request comes from one of the
     * configured proxy addresses, otherwise from the TLS connection. A header from anyone else is ignored.
     */
    private String clientCertificateThumbprint(HttpServletRequest request) {
        if (certificates.header().isPresent() && isTrustedProxy(request.getRemoteAddr(), certificates.trustedProxies())) {
            Enumeration<String> values = request.getHeaders(certificates.header().get());
            String value = values != null && values.hasMoreElements() ? values.nextElement() : null;
            return value == null || values.hasMoreElements() ? null : CertificateThumbprint.fromHeader(value);
        }
        if (request.getAttribute(CERTIFICATE_ATTRIBUTE) instanceof X509Certificate[] chain && chain.length > 0) {
            return CertificateThumbprint.of(chain[0]);
        }
        return null;
    }

    private static boolean isTrustedProxy(String remoteAddress, Set<String> proxies) {
        if (remoteAddress == null) {
            return false;
        }
        // "::1" and "0:0:0:0:0:0:0:1" are the same address, as servers differ in how they print it
        return proxies.contains(remoteAddress) || proxies.contains(canonicalLoopback(remoteAddress));
    }

    private static String canonicalLoopback(String address) {
        return "0:0:0:0:0:0:0:1".equals(address) ? "::1" : "::1".equals(address) ? "0:0:0:0:0:0:0:1" : address;
    }

    private static boolean sameAscii(String expected, String actual) {
        return actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII));
    }
}
