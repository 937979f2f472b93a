package dev.tokengate.web;

import dev.tokengate.RejectionReason;
import dev.tokengate.internal.config.TokengateConfig.TokenLocations;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * RFC 6750 §2: the {@code Authorization: Bearer} header (scheme case-insensitive, exactly one space, one token in
 * b64token syntax), or the configured header or MicroProfile JWT cookie instead; the form body and the query only
 * when enabled. A token in two places, two {@code Authorization} headers, or a malformed Bearer credential is an
 * invalid request. A token over the length limit is refused before anything looks at its content. An
 * {@code Authorization} header with another scheme (Basic, say) is not ours and counts as no token.
 */
final class Rfc6750TokenResolver implements BearerTokenResolver {
    static final String PARAMETER = "access_token";
    private static final String BEARER = "bearer";
    private static final String DPOP = "dpop";

    private final TokenLocations locations;
    private final Predicate<HttpServletRequest> dpopScheme;

    public Rfc6750TokenResolver(TokenLocations locations) {
        this(locations, request -> false);
    }

    /**
     * @param dpopScheme whether, for a request, {@code Authorization: DPoP <token>} (RFC 9449 §7.1) is read too, under
     *                   the same rules as the Bearer scheme; otherwise it is a foreign scheme, as Basic is
     */
    public Rfc6750TokenResolver(TokenLocations locations, Predicate<HttpServletRequest> dpopScheme) {
        this.locations = locations;
        this.dpopScheme = locations.fromAuthorizationHeader() ? dpopScheme : request -> false;
    }

    @Override
    public TokenResolution resolve(HttpServletRequest request) {
        TokenResolution header = locations.fromCookie() ? fromCookie(request) : fromHeader(request);
        if (header instanceof TokenResolution.Invalid) {
            return header;
        }
        List<String> inQuery = locations.queryParameter() || locations.formParameter() ? queryValues(request) : List.of();
        TokenResolution query = locations.queryParameter() ? fromQuery(inQuery) : TokenResolution.ABSENT;
        if (query instanceof TokenResolution.Invalid) {
            return query;
        }
        TokenResolution form = locations.formParameter() ? fromForm(request, inQuery.size()) : TokenResolution.ABSENT;
        if (form instanceof TokenResolution.Invalid) {
            return form;
        }
        TokenResolution found = TokenResolution.ABSENT;
        for (TokenResolution candidate : new TokenResolution[] {header, query, form}) {
            if (candidate instanceof TokenResolution.Found) {
                if (found instanceof TokenResolution.Found) {
                    return new TokenResolution.Invalid(RejectionReason.MULTIPLE_TOKENS);
                }
                found = candidate;
            }
        }
        return found;
    }

    private TokenResolution fromHeader(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders(locations.headerName());
        if (values == null || !values.hasMoreElements()) {
            return TokenResolution.ABSENT;
        }
        String value = values.nextElement();
        if (values.hasMoreElements()) {
            return new TokenResolution.Invalid(locations.fromAuthorizationHeader()
                    ? RejectionReason.MULTIPLE_TOKENS : RejectionReason.MALFORMED_AUTHORIZATION);
        }
        if (!locations.fromAuthorizationHeader()) {
            String bare = value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7) : value;
            return token(bare, RejectionReason.MALFORMED_AUTHORIZATION);
        }
        String scheme;
        if (value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            scheme = BEARER;
        } else if (value.regionMatches(true, 0, DPOP, 0, DPOP.length()) && dpopScheme.test(request)) {
            scheme = DPOP;
        } else {
            return TokenResolution.ABSENT;
        }
        if (value.length() == scheme.length()) {
            return new TokenResolution.Invalid(RejectionReason.MALFORMED_AUTHORIZATION);
        }
        char separator = value.charAt(scheme.length());
        if (separator != ' ') {
            // "Bearerfoo" is some other scheme; "Bearer\tfoo" is a mangled Bearer credential.
            return Character.isWhitespace(separator) || separator == ','
                    ? new TokenResolution.Invalid(RejectionReason.MALFORMED_AUTHORIZATION) : TokenResolution.ABSENT;
        }
        TokenResolution found = token(value.substring(scheme.length() + 1), RejectionReason.MALFORMED_AUTHORIZATION);
        return scheme == DPOP && found instanceof TokenResolution.Found plain
                ? new TokenResolution.Found(plain.token(), true) : found;
    }

    private TokenResolution fromCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return TokenResolution.ABSENT;
        }
        String value = null;
        for (Cookie cookie : cookies) {
            if (locations.cookieName().equals(cookie.getName())) {
                if (value != null) {
                    return new TokenResolution.Invalid(RejectionReason.MULTIPLE_TOKENS);
                }
                value = cookie.getValue();
            }
        }
        return value == null ? TokenResolution.ABSENT : token(value, RejectionReason.MALFORMED_TOKEN);
    }

    private TokenResolution fromQuery(List<String> values) {
        if (values.isEmpty()) {
            return TokenResolution.ABSENT;
        }
        if (values.size() > 1) {
            return new TokenResolution.Invalid(RejectionReason.MULTIPLE_TOKENS);
        }
        return token(values.get(0), RejectionReason.MALFORMED_TOKEN);
    }

    /** Every {@code access_token} value in the query, names decoded as the container decodes them. */
    private static List<String> queryValues(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null || query.isEmpty()) {
            return List.of();
        }
        List<String> values = new ArrayList<>(1);
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (PARAMETER.equals(decode(name))) {
                values.add(equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return values;
    }

    /**
     * RFC 6750 §2.2: only a POST with an url-encoded body. The container merges query and body parameters, so the
     * query's own occurrences are subtracted, whether or not the query is an accepted location.
     */
    private TokenResolution fromForm(HttpServletRequest request, int inQuery) {
        String contentType = request.getContentType();
        if (!"POST".equals(request.getMethod()) || contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return TokenResolution.ABSENT;
        }
        String[] values = request.getParameterValues(PARAMETER);
        int inBody = (values == null ? 0 : values.length) - inQuery;
        if (inBody <= 0) {
            return TokenResolution.ABSENT;
        }
        if (inBody > 1) {
            return new TokenResolution.Invalid(RejectionReason.MULTIPLE_TOKENS);
        }
        return token(values[values.length - 1], RejectionReason.MALFORMED_TOKEN);
    }

    private TokenResolution token(String candidate, RejectionReason whenMalformed) {
        if (candidate.length() > locations.maxTokenLength()) {
            return new TokenResolution.Invalid(RejectionReason.TOKEN_TOO_LONG);
        }
        return isB64Token(candidate) ? new TokenResolution.Found(candidate) : new TokenResolution.Invalid(whenMalformed);
    }

    /** {@code b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="} (RFC 6750 §2.1). */
    static boolean isB64Token(String value) {
        int length = value.length();
        int i = 0;
        while (i < length) {
            char c = value.charAt(i);
            boolean tokenChar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
            if (!tokenChar) {
                break;
            }
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < length && value.charAt(i) == '=') {
            i++;
        }
        return i == length;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return "";
        }
    }
}
