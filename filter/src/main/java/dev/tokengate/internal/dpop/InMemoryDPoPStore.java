package dev.tokengate.internal.dpop;

import dev.tokengate.DPoPStore;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The default {@link DPoPStore}: this JVM's memory. Used proofs are kept until they expire, in a map bounded to
 * {@code maxEntries}; when it is full, expired entries are swept out, and if it is still full the new proof is
 * refused rather than some unexpired record dropped (dropping one would reopen it to replay). Only proofs that passed
 * every other check, with a valid access token, are recorded, so only authenticated clients can fill it. Nonces are
 * random, rotate every {@code nonceLifetime}, and the previous one stays acceptable for one more lifetime.
 */
public final class InMemoryDPoPStore implements DPoPStore {
    private static final System.Logger LOG = System.getLogger("dev.tokengate");

    private final ConcurrentHashMap<String, Instant> used = new ConcurrentHashMap<>();
    private final ReentrantLock sweeping = new ReentrantLock();
    private final int maxEntries;
    private final long nonceLifetimeMillis;
    private final AtomicReference<Nonces> nonces = new AtomicReference<>();
    private final SecureRandom random = new SecureRandom();
    private volatile long lastFullWarning;

    public InMemoryDPoPStore(int maxEntries, Duration nonceLifetime) {
        this.maxEntries = maxEntries;
        this.nonceLifetimeMillis = Math.max(1, nonceLifetime.toMillis());
    }

    @Override
    public boolean firstUse(String proofId, Instant expiresAt) {
        if (used.size() >= maxEntries && !sweep(expiresAt)) {
            return false;
        }
        Instant earlier = used.putIfAbsent(proofId, expiresAt);
        if (earlier == null) {
            return true;
        }
        // an expired record of the same proof: the proof itself can no longer pass the iat check, but be exact
        return !earlier.isAfter(Instant.now()) && used.replace(proofId, earlier, expiresAt);
    }

    /** Drops expired records; whether there is room now. One thread sweeps, the others wait for its result. */
    private boolean sweep(Instant newest) {
        sweeping.lock();
        try {
            if (used.size() >= maxEntries) {
                Instant now = Instant.now();
                used.values().removeIf(expiry -> !expiry.isAfter(now));
            }
            boolean room = used.size() < maxEntries;
            if (!room) {
                long now = System.currentTimeMillis();
                if (now - lastFullWarning > 60_000) {
                    lastFullWarning = now;
                    LOG.log(System.Logger.Level.WARNING, "tokengate: the DPoP replay cache is full ({0} unexpired"
                            + " proofs); new proofs are refused until some expire. Raise"
                            + " tokengate.dpop.replay-cache.max-entries or shorten tokengate.dpop.proof-max-age",
                            maxEntries);
                }
            }
            return room;
        } finally {
            sweeping.unlock();
        }
    }

    int size() {
        return used.size();
    }

    @Override
    public String currentNonce(Instant now) {
        return noncesAt(now).current();
    }

    @Override
    public boolean acceptsNonce(String nonce, Instant now) {
        Nonces known = noncesAt(now);
        return nonce.equals(known.current()) || nonce.equals(known.previous());
    }

    private Nonces noncesAt(Instant now) {
        long slot = Math.floorDiv(now.toEpochMilli(), nonceLifetimeMillis);
        while (true) {
            Nonces known = nonces.get();
            if (known != null && known.slot() == slot) {
                return known;
            }
            if (known != null && known.slot() > slot) {
                return known; // a clock that stepped back keeps the newer nonce
            }
            String previous = known != null && known.slot() == slot - 1 ? known.current() : null;
            Nonces next = new Nonces(slot, fresh(), previous);
            if (nonces.compareAndSet(known, next)) {
                return next;
            }
        }
    }

    private String fresh() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private record Nonces(long slot, String current, String previous) {
    }
}
