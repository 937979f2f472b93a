package dev.tokengate.web;

import dev.tokengate.BearerChallenge;
import dev.tokengate.RejectionReason;
import org.junit.jupiter.api.Test;

import java.lang.System.Logger;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The filter's small pieces: path patterns, b64token syntax, challenges and the bounded rejection log. */
class SmallPartsTest {

    @Test
    void pathPatternsFollowServletMappingRules() {
        PathPatterns patterns = new PathPatterns(List.of("/servlet/*", "/exact", "*.jsp"));
        assertThat(patterns.matches("/servlet")).isTrue();
        assertThat(patterns.matches("/servlet/whoami")).isTrue();
        assertThat(patterns.matches("/servletx")).isFalse();
        assertThat(patterns.matches("/exact")).isTrue();
        assertThat(patterns.matches("/exact/more")).isFalse();
        assertThat(patterns.matches("/a/b/page.jsp")).isTrue();
        assertThat(patterns.matches("/a/jsp")).isFalse();
        assertThat(new PathPatterns(List.of("/*")).matches("/anything")).isTrue();
    }

    @Test
    void b64TokenSyntax() {
        assertThat(Rfc6750TokenResolver.isB64Token("abc.DEF-_~+/==")).isTrue();
        assertThat(Rfc6750TokenResolver.isB64Token("abc")).isTrue();
        assertThat(Rfc6750TokenResolver.isB64Token("")).isFalse();
        assertThat(Rfc6750TokenResolver.isB64Token("=abc")).isFalse();
        assertThat(Rfc6750TokenResolver.isB64Token("ab=c")).isFalse();
        assertThat(Rfc6750TokenResolver.isB64Token("a b")).isFalse();
        assertThat(Rfc6750TokenResolver.isB64Token("a,b")).isFalse();
        assertThat(Rfc6750TokenResolver.isB64Token("ä")).isFalse();
    }

    @Test
    void challengesCarryTheRfc6750Attributes() {
        BearerChallenge scope = BearerChallenge.of(RejectionReason.INSUFFICIENT_SCOPE, "api", List.of("read:a", "read:b"));
        assertThat(scope.status()).isEqualTo(403);
        assertThat(scope.headerValue()).isEqualTo("Bearer realm=\"api\", error=\"insufficient_scope\", error_description=\""
                + RejectionReason.INSUFFICIENT_SCOPE.description() + "\", scope=\"read:a read:b\"");
        assertThat(scope.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\""
                + RejectionReason.INSUFFICIENT_SCOPE.description() + "\",\"error\":\"insufficient_scope\"}");
        BearerChallenge missing = BearerChallenge.of(RejectionReason.MISSING_TOKEN, "api");
        assertThat(missing.headerValue()).isEqualTo("Bearer realm=\"api\"");
        assertThat(missing.status()).isEqualTo(401);
    }

    @Test
    void everyReasonHasAFixedSentenceAndTheRightStatus() {
        for (RejectionReason reason : RejectionReason.values()) {
            assertThat(reason.description()).matches("[A-Z][^\"\\\\]+\\.");
            int expected = switch (reason.errorCode()) {
                case INVALID_REQUEST -> 400;
                case INSUFFICIENT_SCOPE -> 403;
                case TEMPORARILY_UNAVAILABLE -> 503;
                default -> 401;
            };
            assertThat(reason.status()).isEqualTo(expected);
        }
    }

    @Test
    void loggedRequestTextCannotForgeLines() {
        assertThat(RejectionLog.printable("/api/x\nFAKE log line\r")).isEqualTo("/api/x\\x0aFAKE log line\\x0d");
        assertThat(RejectionLog.printable("/" + "a".repeat(500))).hasSize(203).endsWith("...");
    }

    @Test
    void theRejectionLogIsBoundedPerReasonAndMinute() {
        List<String> lines = new ArrayList<>();
        AtomicLong nanos = new AtomicLong();
        RejectionLog log = new RejectionLog(new ListLogger(lines), nanos::get);
        for (int i = 0; i < 1000; i++) {
            log.rejected(RejectionReason.BAD_SIGNATURE, "GET", "/api");
        }
        log.rejected(RejectionReason.EXPIRED, "GET", "/api");
        assertThat(lines).hasSize(RejectionLog.LINES_PER_MINUTE + 1);
        nanos.addAndGet(61_000_000_000L);
        log.rejected(RejectionReason.BAD_SIGNATURE, "GET", "/api");
        assertThat(lines).hasSize(RejectionLog.LINES_PER_MINUTE + 2);
        assertThat(lines.get(lines.size() - 1)).contains("BAD_SIGNATURE").contains("990 similar lines not logged");
    }

    /** Collects formatted lines at every level. */
    private record ListLogger(List<String> lines) implements Logger {
        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(java.text.MessageFormat.format(format, params));
        }
    }
}
