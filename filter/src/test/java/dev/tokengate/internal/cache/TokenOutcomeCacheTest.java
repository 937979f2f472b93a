package dev.tokengate.internal.cache;

import dev.tokengate.Authentication;
import dev.tokengate.RejectionReason;
import dev.tokengate.Scopes;
import dev.tokengate.VerifiedToken;
import dev.tokengate.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class TokenOutcomeCacheTest {
    static final Authentication UNAVAILABLE = new Authentication.Unavailable(Duration.ofSeconds(5));
    static final Authentication REJECTED = new Authentication.Rejected(RejectionReason.BAD_SIGNATURE);

    final TestClock clock = new TestClock();
    final AtomicInteger calls = new AtomicInteger();

    TokenOutcomeCache cache(int max) {
        return new TokenOutcomeCache(max, clock, Duration.ofSeconds(5), UNAVAILABLE);
    }

    static Authentication valid(String token) {
        return new Authentication.Authenticated(new VerifiedToken(token, Map.of("sub", "u"), Scopes.NONE, Long.MAX_VALUE));
    }

    TokenOutcomeCache.Loader positiveFor(Duration reuse) {
        return token -> {
            calls.incrementAndGet();
            return new TokenOutcomeCache.Loaded(valid(token), clock.millis() + reuse.toMillis());
        };
    }

    @Test
    void reusesAnAnswerUntilItsExpiryThenAsksAgain() {
        TokenOutcomeCache cache = cache(100);
        TokenOutcomeCache.Loader loader = positiveFor(Duration.ofSeconds(60));
        assertThat(cache.get("t", loader)).isInstanceOf(Authentication.Authenticated.class);
        clock.advance(Duration.ofSeconds(59));
        cache.get("t", loader);
        assertThat(calls).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        cache.get("t", loader);
        assertThat(calls).hasValue(2);
    }

    @Test
    void keepsRejectionsOnlyAsLongAsTheLoaderSays() {
        TokenOutcomeCache cache = cache(100);
        TokenOutcomeCache.Loader negative = token -> {
            calls.incrementAndGet();
            return new TokenOutcomeCache.Loaded(REJECTED, clock.millis() + 10_000);
        };
        assertThat(cache.get("bad", negative)).isEqualTo(REJECTED);
        assertThat(cache.get("bad", negative)).isEqualTo(REJECTED);
        assertThat(calls).hasValue(1);
        clock.advance(Duration.ofSeconds(11));
        cache.get("bad", negative);
        assertThat(calls).hasValue(2);
    }

    @Test
    void neverKeepsAnUnavailableAnswer() {
        TokenOutcomeCache cache = cache(100);
        TokenOutcomeCache.Loader down = token -> {
            calls.incrementAndGet();
            return new TokenOutcomeCache.Loaded(UNAVAILABLE, 0);
        };
        cache.get("t", down);
        cache.get("t", down);
        assertThat(calls).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void staysWithinItsBound() {
        TokenOutcomeCache cache = cache(50);
        TokenOutcomeCache.Loader loader = positiveFor(Duration.ofMinutes(5));
        for (int i = 0; i < 1000; i++) {
            cache.get("token-" + i, loader);
            assertThat(cache.size()).isLessThanOrEqualTo(51);
        }
        assertThat(calls).hasValue(1000);
    }

    @Test
    void expiredEntriesAreEvictedFirst() {
        TokenOutcomeCache cache = cache(10);
        cache.get("long-lived", positiveFor(Duration.ofHours(1)));
        for (int i = 0; i < 9; i++) {
            cache.get("short-" + i, positiveFor(Duration.ofSeconds(1)));
        }
        clock.advance(Duration.ofSeconds(2));
        cache.get("new-1", positiveFor(Duration.ofHours(1)));
        cache.get("new-2", positiveFor(Duration.ofHours(1)));
        int before = calls.get();
        cache.get("long-lived", positiveFor(Duration.ofHours(1)));
        assertThat(calls.get()).isEqualTo(before);
    }

    @Test
    void concurrentRequestsWithTheSameNewTokenMakeOneCall() throws Exception {
        TokenOutcomeCache cache = cache(100);
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TokenOutcomeCache.Loader slow = token -> {
            calls.incrementAndGet();
            inCall.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new TokenOutcomeCache.Loaded(valid(token), clock.millis() + 60_000);
        };
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Authentication>> results = new ArrayList<>();
            results.add(pool.submit(() -> cache.get("same", slow)));
            assertThat(inCall.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 31; i++) {
                results.add(pool.submit(() -> cache.get("same", slow)));
            }
            release.countDown();
            for (Future<Authentication> result : results) {
                assertThat(result.get(5, TimeUnit.SECONDS)).isInstanceOf(Authentication.Authenticated.class);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void keysAreHashesNotTokens() {
        assertThat(TokenOutcomeCache.key("secret-token")).hasSize(43).doesNotContain("secret");
        assertThat(TokenOutcomeCache.key("a")).isNotEqualTo(TokenOutcomeCache.key("b"));
    }
}
