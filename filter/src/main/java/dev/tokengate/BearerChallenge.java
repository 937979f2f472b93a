package dev.tokengate;

import dev.tokengate.RejectionReason;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one place that turns a rejection into a response: status, RFC 6750 §3 {@code WWW-Authenticate} challenge (or
 * {@code Retry-After} for an unreachable issuer) and an RFC 9457 {@code application/problem+json} body. The servlet
 * filter writes it with {@link #writeTo}; the JAX-RS binding copies {@link #status}, {@link #headerName},
 * {@link #headerValue} and {@link #body} into its own response. Everything in it is fixed text chosen here: no
 * request input is echoed.
 *
 * @param status      the HTTP status
 * @param headerName  {@code WWW-Authenticate}, or {@code Retry-After} for a 503
 * @param headerValue that header\'s value
 * @param body        the problem+json body
 * @param moreHeaders further headers, in order: a second {@code WWW-Authenticate} challenge where both
 *                    {@code Bearer} and {@code DPoP} are accepted (RFC 9449 §7.1)
 */
public record BearerChallenge(int status, String headerName, String headerValue, String body,
                              List<Map.Entry<String, String>> moreHeaders) {

    /** The media type of every body: RFC 9457 problem details. */
    public static final String PROBLEM_JSON = "application/problem+json";

    /**
     * Refuses a missing header or body.
     *
     * @param status      the HTTP status
     * @param headerName  {@code WWW-Authenticate}, or {@code Retry-After} for a 503
     * @param headerValue that header's value
     * @param body        the problem+json body
     * @param moreHeaders further headers, in order
     */
    public BearerChallenge {
        Objects.requireNonNull(headerName, "headerName");
        Objects.requireNonNull(headerValue, "headerValue");
        Objects.requireNonNull(body, "body");
        moreHeaders = List.copyOf(moreHeaders);
    }

    /**
     * An answer with one header.
     *
     * @param status      the HTTP status
     * @param headerName  {@code WWW-Authenticate}, or {@code Retry-After} for a 503
     * @param headerValue that header's value
     * @param body        the problem+json body
     */
    public BearerChallenge(int status, String headerName, String headerValue, String body) {
        this(status, headerName, headerValue, body, List.of());
    }

    /**
     * Every header of this answer, in order, {@code Cache-Control} aside.
     *
     * @return name and value pairs; a name may repeat ({@code WWW-Authenticate})
     */
    public List<Map.Entry<String, String>> headers() {
        List<Map.Entry<String, String>> all = new ArrayList<>(1 + moreHeaders.size());
        all.add(Map.entry(headerName, headerValue));
        all.addAll(moreHeaders);
        return all;
    }

    /**
     * This challenge where DPoP (RFC 9449 §7.1) is accepted: the same parameters under the {@code DPoP} scheme, with
     * {@code algs} listing the accepted proof algorithms. Where {@code Bearer} is accepted too, the answer carries
     * both challenges, the one of the scheme the client used first and with the error; otherwise only the
     * {@code DPoP} one. A 503 has no challenge and is returned unchanged.
     *
     * @param algorithms     the accepted proof algorithms
     * @param bearerAccepted whether a plain bearer token would be accepted here
     * @param errorInDPoP    whether the error (if any) concerns a DPoP request, or a bearer token where only DPoP will
     *                       do: then the {@code DPoP} challenge carries it
     * @return the answer with the {@code DPoP} challenge
     */
    public BearerChallenge withDPoP(Collection<String> algorithms, boolean bearerAccepted, boolean errorInDPoP) {
        if (!"WWW-Authenticate".equals(headerName) || !headerValue.startsWith(BEARER_REALM)) {
            return this;
        }
        String algs = "algs=\"" + String.join(" ", algorithms) + '"';
        String realm = headerValue.substring(BEARER.length(), headerValue.indexOf('"', BEARER_REALM.length()) + 1);
        String dpopWithError = "DPoP " + headerValue.substring(BEARER.length()) + ", " + algs;
        if (!bearerAccepted) {
            return new BearerChallenge(status, headerName, dpopWithError, body, moreHeaders);
        }
        List<Map.Entry<String, String>> more = new ArrayList<>(moreHeaders);
        if (errorInDPoP) {
            more.add(0, Map.entry(headerName, BEARER + realm));
            return new BearerChallenge(status, headerName, dpopWithError, body, more);
        }
        more.add(0, Map.entry(headerName, "DPoP " + realm + ", " + algs));
        return new BearerChallenge(status, headerName, headerValue, body, more);
    }

    private static final String BEARER = "Bearer ";
    private static final String BEARER_REALM = "Bearer realm=\"";

    /**
     * The challenge for a 400, 401 or 403.
     *
     * @param reason         why the request may not go on (not {@link RejectionReason#ISSUER_UNAVAILABLE})
     * @param realm          the {@code realm} attribute
     * @param requiredScopes the {@code scope} attribute of a 403, or {@code null}
     * @return the status, {@code WWW-Authenticate} header and problem body
     */
    public static BearerChallenge of(RejectionReason reason, String realm, Collection<String> requiredScopes) {
        if (reason.errorCode() == RejectionReason.ErrorCode.TEMPORARILY_UNAVAILABLE) {
            throw new IllegalArgumentException("an unreachable issuer is answered with unavailable(retryAfter)");
        }
        StringBuilder header = new StringBuilder(96).append("Bearer realm=\"").append(realm).append('"');
        String code = reason.errorCode().code();
        if (code != null) {
            header.append(", error=\"").append(code).append("\", error_description=\"")
                    .append(reason.description()).append('"');
        }
        if (reason == RejectionReason.INSUFFICIENT_SCOPE && requiredScopes != null && !requiredScopes.isEmpty()) {
            header.append(", scope=\"").append(String.join(" ", requiredScopes)).append('"');
        }
        return new BearerChallenge(reason.status(), "WWW-Authenticate", header.toString(),
                problem(reason.status(), title(reason.status()), reason.description(), code));
    }

    /**
     * The challenge for a 400 or 401.
     *
     * @param reason why the request may not go on
     * @param realm  the {@code realm} attribute
     * @return the status, {@code WWW-Authenticate} header and problem body
     */
    public static BearerChallenge of(RejectionReason reason, String realm) {
        return of(reason, realm, null);
    }

    /**
     * The RFC 9470 challenge for a token whose login is too weak or too old: 401
     * {@code insufficient_user_authentication}, with the {@code acr_values} and {@code max_age} the resource demands
     * (both, when it demands both, so that one new login satisfies it).
     *
     * @param reason    {@link RejectionReason#WEAK_AUTHENTICATION} or {@link RejectionReason#STALE_AUTHENTICATION}
     * @param realm     the {@code realm} attribute
     * @param acrValues the accepted {@code acr} values (configured text without spaces or quotes), may be empty
     * @param maxAge    the greatest age of the login, or {@code null}
     * @return the status, {@code WWW-Authenticate} header and problem body
     */
    public static BearerChallenge stepUp(RejectionReason reason, String realm, Collection<String> acrValues,
                                         Duration maxAge) {
        if (reason.errorCode() != RejectionReason.ErrorCode.INSUFFICIENT_USER_AUTHENTICATION) {
            throw new IllegalArgumentException(reason + " is not a step-up reason");
        }
        StringBuilder header = new StringBuilder(160).append("Bearer realm=\"").append(realm)
                .append("\", error=\"").append(reason.errorCode().code()).append("\", error_description=\"")
                .append(reason.description()).append('"');
        if (!acrValues.isEmpty()) {
            header.append(", acr_values=\"").append(String.join(" ", acrValues)).append('"');
        }
        if (maxAge != null) {
            header.append(", max_age=").append(maxAge.toSeconds());
        }
        return new BearerChallenge(reason.status(), "WWW-Authenticate", header.toString(),
                problem(reason.status(), title(reason.status()), reason.description(), reason.errorCode().code()));
    }

    /**
     * 503 with {@code Retry-After}: the token may be fine, the issuer could not say.
     *
     * @param retryAfter when to try again (at least a second)
     * @return the status, {@code Retry-After} header and problem body
     */
    public static BearerChallenge unavailable(Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.toSeconds());
        RejectionReason reason = RejectionReason.ISSUER_UNAVAILABLE;
        return new BearerChallenge(503, "Retry-After", Long.toString(seconds),
                problem(503, title(503), reason.description(), null));
    }

    /**
     * 503 without {@code Retry-After}: tokengate's configuration is wrong, so this application refuses every request
     * until it is fixed and redeployed. The detail says no more than that; the server log names the property.
     *
     * @return the status and problem body
     */
    public static BearerChallenge notConfigured() {
        return new BearerChallenge(503, "Cache-Control", "no-store", problem(503, title(503),
                "The API's access-token protection is misconfigured; the server log says what to fix.", null));
    }

    /**
     * This challenge with RFC 9728's {@code resource_metadata} attribute, telling the client where the resource's
     * metadata document is. Only 401 and 403 challenges carry it; a URL that could not sit inside the quoted
     * attribute as it is (quotes, backslashes, spaces, non-ASCII) is left out rather than escaped.
     *
     * @param metadataUrl the document's URL, or {@code null}
     * @return the challenge with the attribute, or this one unchanged
     */
    public BearerChallenge withResourceMetadata(String metadataUrl) {
        if (metadataUrl == null || (status != 401 && status != 403) || !"WWW-Authenticate".equals(headerName)
                || !metadataUrl.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != '\\')) {
            return this;
        }
        String attribute = ", resource_metadata=\"" + metadataUrl + '"';
        List<Map.Entry<String, String>> more = moreHeaders.stream()
                .map(header -> header.getKey().equals(headerName) ? Map.entry(header.getKey(), header.getValue() + attribute) : header)
                .toList();
        return new BearerChallenge(status, headerName, headerValue + attribute, body, more);
    }

    /**
     * Writes this answer, replacing whatever the response had buffered.
     *
     * @param response the response to write to
     * @throws IOException when the client is gone
     */
    public void writeTo(HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setHeader(headerName, headerValue);
        for (Map.Entry<String, String> header : moreHeaders) {
            response.addHeader(header.getKey(), header.getValue());
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(PROBLEM_JSON);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            default -> "Service Unavailable";
        };
    }

    private static String problem(int status, String title, String detail, String error) {
        StringBuilder json = new StringBuilder(160).append("{\"type\":\"about:blank\",\"title\":\"").append(title)
                .append("\",\"status\":").append(status).append(",\"detail\":\"").append(jsonEscape(detail)).append('"');
        if (error != null) {
            json.append(",\"error\":\"").append(error).append('"');
        }
        return json.append('}').toString();
    }

    private static String jsonEscape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
