package dev.tokengate.internal.dpop;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The normal form in which a DPoP proof's {@code htu} and the request's URI are compared. */
class HttpUriTest {

    @Test
    void lowerCasesTheSchemeAndHostButNotThePath() {
        assertThat(HttpUri.normalized("HTTPS://API.Example.COM/Patients")).isEqualTo("https://api.example.com/Patients");
    }

    @Test
    void dropsTheDefaultHttpsPort() {
        assertThat(HttpUri.normalized("https://example.com:443/a")).isEqualTo("https://example.com/a");
    }

    @Test
    void dropsTheDefaultHttpPort() {
        assertThat(HttpUri.normalized("http://example.com:80/a")).isEqualTo("http://example.com/a");
    }

    @Test
    void keepsAPortThatIsNotTheSchemesDefault() {
        assertThat(HttpUri.normalized("https://example.com:8443/a")).isEqualTo("https://example.com:8443/a");
        assertThat(HttpUri.normalized("http://example.com:443/a")).isEqualTo("http://example.com:443/a");
    }

    @Test
    void anEmptyPathBecomesASlash() {
        assertThat(HttpUri.normalized("https://example.com")).isEqualTo("https://example.com/");
    }

    @Test
    void dropsTheQueryAndTheFragment() {
        assertThat(HttpUri.normalized("https://example.com/a?b=c#d")).isEqualTo("https://example.com/a");
    }

    @Test
    void upperCasesTheHexOfPercentEscapes() {
        assertThat(HttpUri.normalized("https://example.com/a%2fb")).isEqualTo("https://example.com/a%2Fb");
    }

    @Test
    void decodesEscapedUnreservedCharacters() {
        assertThat(HttpUri.normalized("https://example.com/%7Euser/%41b")).isEqualTo("https://example.com/~user/Ab");
    }

    @Test
    void removesDotSegments() {
        assertThat(HttpUri.normalized("https://example.com/a/./b/../c")).isEqualTo("https://example.com/a/c");
    }

    @Test
    void removesDotSegmentsThatWereEscaped() {
        assertThat(HttpUri.normalized("https://example.com/a/%2E%2E/b")).isEqualTo("https://example.com/b");
    }

    @Test
    void aUriWithUserInfoHasNoNormalForm() {
        assertThat(HttpUri.normalized("https://alice@example.com/a")).isNull();
        assertThat(HttpUri.normalized("https://alice:secret@example.com/a")).isNull();
    }

    @Test
    void aSchemeOtherThanHttpHasNoNormalForm() {
        assertThat(HttpUri.normalized("ftp://example.com/a")).isNull();
        assertThat(HttpUri.normalized("urn:example:a")).isNull();
    }

    @Test
    void aRelativeUriHasNoNormalForm() {
        assertThat(HttpUri.normalized("/a/b")).isNull();
        assertThat(HttpUri.normalized("//example.com/a")).isNull();
    }

    @Test
    void aMalformedEscapeHasNoNormalForm() {
        assertThat(HttpUri.normalized("https://example.com/%zz")).isNull();
        assertThat(HttpUri.normalized("https://example.com/a%")).isNull();
        assertThat(HttpUri.normalized("https://example.com/a%4")).isNull();
    }

    @Test
    void nullAndEmptyHaveNoNormalForm() {
        assertThat(HttpUri.normalized(null)).isNull();
        assertThat(HttpUri.normalized("")).isNull();
    }

    @Test
    void textLongerThan4096CharactersHasNoNormalForm() {
        String prefix = "https://example.com/";
        String longest = prefix + "a".repeat(4096 - prefix.length());

        assertThat(HttpUri.normalized(longest)).isEqualTo(longest);
        assertThat(HttpUri.normalized(longest + "a")).isNull();
    }

    @Test
    void withoutDotSegmentsFollowsTheRfc3986Example() {
        assertThat(HttpUri.withoutDotSegments("/a/b/c/./../../g")).isEqualTo("/a/g");
    }

    @Test
    void withoutDotSegmentsLeavesATrailingSlashForAFinalDotSegment() {
        assertThat(HttpUri.withoutDotSegments("/a/b/.")).isEqualTo("/a/b/");
        assertThat(HttpUri.withoutDotSegments("/a/b/..")).isEqualTo("/a/");
    }

    @Test
    void withoutDotSegmentsStopsAtTheRoot() {
        assertThat(HttpUri.withoutDotSegments("/../a")).isEqualTo("/a");
        assertThat(HttpUri.withoutDotSegments("/..")).isEqualTo("/");
        assertThat(HttpUri.withoutDotSegments("/a/../..")).isEqualTo("/");
    }

    @Test
    void withoutDotSegmentsKeepsOtherSegmentsAsTheyAre() {
        assertThat(HttpUri.withoutDotSegments("/")).isEqualTo("/");
        assertThat(HttpUri.withoutDotSegments("/a//b/")).isEqualTo("/a//b/");
        assertThat(HttpUri.withoutDotSegments("/a/.b/..c")).isEqualTo("/a/.b/..c");
    }
}
