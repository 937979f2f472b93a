package dev.tokengate.internal.dpop;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory DPoP store: its bounded replay cache of used proofs, and its rotating nonces. */
class InMemoryDPoPStoreTest {
    static final Duration LIFETIME = Duration.ofSeconds(100);
    /** The start of a nonce lifetime: 1,000,000 s is a whole number of 100 s lifetimes. */
    static final Instant SLOT_START = Instant.ofEpochSecond(1_000_000);

    static Instant future() {
        return Instant.now().plusSeconds(300);
    }

    static Instant past() {
        return Instant.now().minusSeconds(300);
    }

    @Test
    void theFirstUseOfAProofIsAccepted() {
        InMemoryDPoPStore store = new InMemoryDPoPStore(10, LIFETIME);

        assertThat(store.firstUse("proof-1", future())).isTrue();
    }

    @Test
    void aSecondUseOfTheSameProofIsRefused() {
        InMemoryDPoPStore store = new InMemoryDPoPStore(10, LIFETIME);
        store.firstUse("proof-1", future());

        assertThat(store.firstUse("proof-1", future())).isFalse();
    }

    @Test
    void differentProofsAreRecordedIndependently() {
        InMemoryDPoPStore store = new InMemoryDPoPStore(10, LIFETIME);

        assertThat(store.firstUse("proof-1", future())).isTrue();
        assertThat(store.firstUse("proof-2", future())).isTrue();
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void aNewProofIsRefusedWhenTheCacheIsFullOfUnexpiredRecords() {
        InMemoryDPoPStore store = new InMemoryDPoPStore(2, LIFETIME);
        store.firstUse("proof-1", future());
        store.firstUse("proof-2", future());

        assertThat(store.firstUse("proof-3", future())).isFalse();
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void aFullCacheOfExpiredRecordsIsSweptToMakeRoom() {
        InMemoryDPoPStore store = new InMemoryDPoPStore(2, LIFETIME);
        store.firstUse("proof-1", past());
        store.firstUse("proof-2", past());

        assertThat(store.firstUse("proof-3", future())).isTrue();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aProofWhoseEarlierRecordExpiredIsAcceptedAgain() {
        InMemoryDPoPStore store = new InMemoryDPoPStore(10, LIFETIME);
        store.firstUse("proof-1", past());

        assertThat(store.firstUse("proof-1", future())).isTrue();
        assertThat(store.firstUse("proof-1", future())).isFalse();
    }

    @Test
    void ofConcurrentUsesOfOneProofExactlyOneIsAccepted() throws Exception {
        InMemoryDPoPStore store = new InMemoryDPoPStore(1000, LIFETIME);
        int threads = 8;
        Instant expiresAt = future();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return store.firstUse("proof-1", expiresAt);
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            start.countDown();
            int accepted = 0;
            for (Future<Boolean> result : results) {
                if (result.get(10, TimeUnit.SECONDS)) {
                    accepted++;
                }
            }

            assertThat(accepted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theNonceStaysTheSameThroughoutOneLifetime() {
        InMemoryDPoPStore store = new InMemoryDPoPStore(10, LIFETIME);
        String nonce = store.currentNonce(SLOT_START);

        assertThat(store.currentNonce(SLOT_START.plusSeconds(50))).isEqualTo(nonce);
        assertThat(store.currentNonce(SLOT_START.plus(LIFETIME).minusMillis(1))).isEqualTo(nonce);
    }

    @Test
    void theNonceChangesInTheNextLifetime() {
        InMemoryDPoPStore store = new InMemoryDPoPStore(10, LIFETIME);
        String nonce = store.currentNonce(SLOT_START);

        assertThat(store.currentNonce(SLOT_START.plus(LIFETIME))).isNotEqualTo(nonce);
    }

    @Test
    void theCurrentNonceIsAccepted() {
        InMemoryDPoPStore store = new InMemoryDPoPStore(10, LIFETIME);
        String nonce = store.currentNonce(SLOT_START);

        assertThat(store.acceptsNonce(nonce, SLOT_START.plusSeconds(10))).isTrue();
    }

    @Test
    void thePreviousNonceIsStillAcceptedDuringTheNextLifetime() {
        InMemoryDPoPStore store = new InMemoryDPoPStore(10, LIFETIME);
        String nonce = store.currentNonce(SLOT_START);
        Instant nextLifetime = SLOT_START.plus(LIFETIME);
        store.currentNonce(nextLifetime);

        assertThat(store.acceptsNonce(nonce, nextLifetime.plusSeconds(50))).isTrue();
    }

    @Test
    void aNonceIsRefusedTwoLifetimesLater() {
        InMemoryDPoPStore store = new InMemoryDPoPStore(10, LIFETIME);
        String nonce = store.currentNonce(SLOT_START);
        store.currentNonce(SLOT_START.plus(LIFETIME));

        assertThat(store.acceptsNonce(nonce, SLOT_START.plus(LIFETIME.multipliedBy(2)))).isFalse();
    }

    @Test
    void aMadeUpNonceIsRefused() {
        InMemoryDPoPStore store = new InMemoryDPoPStore(10, LIFETIME);
        store.currentNonce(SLOT_START);

        assertThat(store.acceptsNonce("made-up-nonce", SLOT_START)).isFalse();
    }
}
