package dev.tokengate.web;

import dev.tokengate.RejectionReason;
import dev.tokengate.internal.config.TokengateConfig.TokenLocations;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The resolver on its own, against requests made up of just the parts it reads. */
class Rfc6750TokenResolverTest {
    static final TokenLocations HEADER_ONLY = new TokenLocations("Authorization", "Bearer", false, false, 20);
    static final TokenLocations EVERYWHERE = new TokenLocations("Authorization", "Bearer", true, true, 20);
    static final TokenLocations COOKIE = new TokenLocations("Cookie", "at", false, false, 20);

    /** A request with these headers (one value each, or several), query, method, content type and body parameters. */
    record FakeRequest(Map<String, List<String>> headers, String query, String method, String contentType,
                       Map<String, String[]> parameters, Cookie[] cookies) {
        static FakeRequest withAuthorization(String... values) {
            return new FakeRequest(Map.of("Authorization", List.of(values)), null, "GET", null, Map.of(), null);
        }

        HttpServletRequest proxy() {
            return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (self, called, args) -> switch (called.getName()) {
                        case "getHeaders" -> Collections.enumeration(headers.getOrDefault((String) args[0], List.of()));
                        case "getQueryString" -> query;
                        case "getMethod" -> method;
                        case "getContentType" -> contentType;
                        case "getParameterValues" -> parameters.get((String) args[0]);
                        case "getCookies" -> cookies;
                        default -> throw new UnsupportedOperationException(called.getName() + " is not read by the resolver");
                    });
        }
    }

    static TokenResolution resolve(TokenLocations locations, FakeRequest request) {
        return new Rfc6750TokenResolver(locations).resolve(request.proxy());
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Bearer abc.DEF-_~+/==   | abc.DEF-_~+/==",
            "bearer abc              | abc",
            "BEARER abc              | abc"})
    void aBearerCredentialIsFoundWhateverTheSchemesCase(String header, String token) {
        assertThat(resolve(HEADER_ONLY, FakeRequest.withAuthorization(header))).isEqualTo(new TokenResolution.Found(token));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Bearer                  | MALFORMED_AUTHORIZATION",
            "Bearer a b              | MALFORMED_AUTHORIZATION",
            "Bearer  abc             | MALFORMED_AUTHORIZATION",
            "'Bearer\tabc'           | MALFORMED_AUTHORIZATION",
            "'Bearer,abc'            | MALFORMED_AUTHORIZATION",
            "Bearer =abc             | MALFORMED_AUTHORIZATION",
            "Bearer 123456789012345678901 | TOKEN_TOO_LONG"})
    void aBrokenBearerCredentialIsInvalid(String header, RejectionReason reason) {
        assertThat(resolve(HEADER_ONLY, FakeRequest.withAuthorization(header))).isEqualTo(new TokenResolution.Invalid(reason));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({"Basic dXNlcjpwYXNz", "Bearerabc", "DPoP abc"})
    void anotherSchemeIsNoToken(String header) {
        assertThat(resolve(HEADER_ONLY, FakeRequest.withAuthorization(header))).isEqualTo(TokenResolution.ABSENT);
    }

    @Test
    void noAuthorizationHeaderIsNoToken() {
        assertThat(resolve(HEADER_ONLY, FakeRequest.withAuthorization())).isEqualTo(TokenResolution.ABSENT);
    }

    @Test
    void twoAuthorizationHeadersAreTwoTokens() {
        assertThat(resolve(HEADER_ONLY, FakeRequest.withAuthorization("Bearer a", "Bearer b")))
                .isEqualTo(new TokenResolution.Invalid(RejectionReason.MULTIPLE_TOKENS));
    }

    @Test
    void aQueryTokenCountsOnlyWhenEnabled() {
        FakeRequest request = new FakeRequest(Map.of(), "x=1&access_token=abc", "GET", null, Map.of(), null);
        assertThat(resolve(HEADER_ONLY, request)).isEqualTo(TokenResolution.ABSENT);
        assertThat(resolve(EVERYWHERE, request)).isEqualTo(new TokenResolution.Found("abc"));
    }

    @Test
    void aTokenInTheHeaderAndTheQueryIsTwoTokens() {
        FakeRequest request = new FakeRequest(Map.of("Authorization", List.of("Bearer abc")), "access_token=abc", "GET",
                null, Map.of(), null);
        assertThat(resolve(EVERYWHERE, request)).isEqualTo(new TokenResolution.Invalid(RejectionReason.MULTIPLE_TOKENS));
    }

    @Test
    void aFormTokenCountsOnlyInAnUrlEncodedPost() {
        Map<String, String[]> body = Map.of("access_token", new String[] {"abc"});
        FakeRequest post = new FakeRequest(Map.of(), null, "POST", "application/x-www-form-urlencoded; charset=UTF-8", body, null);
        FakeRequest put = new FakeRequest(Map.of(), null, "PUT", "application/x-www-form-urlencoded", body, null);
        FakeRequest json = new FakeRequest(Map.of(), null, "POST", "application/json", body, null);
        assertThat(resolve(EVERYWHERE, post)).isEqualTo(new TokenResolution.Found("abc"));
        assertThat(resolve(EVERYWHERE, put)).isEqualTo(TokenResolution.ABSENT);
        assertThat(resolve(EVERYWHERE, json)).isEqualTo(TokenResolution.ABSENT);
    }

    @Test
    void aQueryTokenIsNotCountedAgainAsAFormToken() {
        // the container merges query and body parameters: the query's own value must not count as a body one
        FakeRequest request = new FakeRequest(Map.of(), "access_token=abc", "POST", "application/x-www-form-urlencoded",
                Map.of("access_token", new String[] {"abc"}), null);
        assertThat(resolve(EVERYWHERE, request)).isEqualTo(new TokenResolution.Found("abc"));
    }

    @Test
    void theTokenCookieIsReadWhenTheHeaderIsCookie() {
        FakeRequest request = new FakeRequest(Map.of(), null, "GET", null, Map.of(),
                new Cookie[] {new Cookie("other", "x"), new Cookie("at", "abc")});
        assertThat(resolve(COOKIE, request)).isEqualTo(new TokenResolution.Found("abc"));
    }

    @Test
    void twoTokenCookiesAreTwoTokens() {
        FakeRequest request = new FakeRequest(Map.of(), null, "GET", null, Map.of(),
                new Cookie[] {new Cookie("at", "abc"), new Cookie("at", "def")});
        assertThat(resolve(COOKIE, request)).isEqualTo(new TokenResolution.Invalid(RejectionReason.MULTIPLE_TOKENS));
    }
}
