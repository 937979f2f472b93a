package dev.tokengate.internal.dpop;

import dev.tokengate.DPoPStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The default {@link DPoPStore}: this JVM's memory. A used proof is kept as a 128-bit digest of its id in a bucket
 * of proofs that expire within the same five seconds; whole buckets are dropped once their proofs can no longer be
 * accepted, so forgetting costs nothing per proof, and a million remembered proofs take about 32 MB. At
 * {@code maxEntries} unexpired proofs the new one is refused rather than some unexpired record dropped (dropping one
 * would reopen it to replay). Only proofs that passed every other check, with a valid access token, are recorded, so
 * only authenticated clients can fill it. Nonces are random, rotate every {@code nonceLifetime}, and the previous one
 * stays acceptable for one more lifetime.
 */
public final class InMemoryDPoPStore implements DPoPStore {
    private static final System.Logger LOG = System.getLogger("dev.tokengate");
    private static final long BUCKET_MILLIS = 5_000;

    /** Bucket number (expiry / {@link #BUCKET_MILLIS}) to the proofs expiring in it; guarded by {@code this}. */
    private final TreeMap<Long, ProofIds> buckets = new TreeMap<>();
    private int size; // guarded by this
    private final int maxEntries;
    private final long nonceLifetimeMillis;
    private final AtomicReference<Nonces> nonces = new AtomicReference<>();
    private final SecureRandom random = new SecureRandom();
    private long lastFullWarning; // guarded by this

    public InMemoryDPoPStore(int maxEntries, Duration nonceLifetime) {
        this.maxEntries = maxEntries;
        this.nonceLifetimeMillis = Math.max(1, nonceLifetime.toMillis());
    }

    @Override
    public boolean firstUse(String proofId, Instant expiresAt) {
        long now = System.currentTimeMillis();
        long expiry = expiresAt.toEpochMilli();
        if (expiry <= now) {
            return true; // a proof that can no longer be accepted needs no record
        }
        byte[] digest = sha256(proofId);
        ByteBuffer bits = ByteBuffer.wrap(digest);
        long high = bits.getLong();
        long low = bits.getLong();
        synchronized (this) {
            dropExpired(now);
            for (ProofIds bucket : buckets.values()) {
                if (bucket.contains(high, low)) {
                    return false;
                }
            }
            if (size >= maxEntries) {
                warnFull(now);
                return false;
            }
            buckets.computeIfAbsent(Math.floorDiv(expiry, BUCKET_MILLIS), slot -> new ProofIds()).add(high, low);
            size++;
            return true;
        }
    }

    private void dropExpired(long now) {
        Map.Entry<Long, ProofIds> oldest;
        while ((oldest = buckets.firstEntry()) != null && (oldest.getKey() + 1) * BUCKET_MILLIS <= now) {
            size -= oldest.getValue().count();
            buckets.pollFirstEntry();
        }
    }

    private void warnFull(long now) {
        if (now - lastFullWarning > 60_000) {
            lastFullWarning = now;
            LOG.log(System.Logger.Level.WARNING, "tokengate: the DPoP replay cache is full ({0} unexpired proofs); new"
                    + " proofs are refused until some expire. Raise tokengate.dpop.replay-cache.max-entries or shorten"
                    + " tokengate.dpop.proof-max-age", maxEntries);
        }
    }

    private static byte[] sha256(String proofId) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(proofId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }

    synchronized int size() {
        dropExpired(System.currentTimeMillis());
        return size;
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

    /** An open-addressing set of 128-bit ids in two arrays, at most half full; (0, 0) marks a free slot. */
    private static final class ProofIds {
        private long[] highs = new long[16];
        private long[] lows = new long[16];
        private int count;

        int count() {
            return count;
        }

        boolean contains(long high, long low) {
            long storedLow = low == 0 && high == 0 ? 1 : low;
            int mask = highs.length - 1;
            for (int i = slot(high, storedLow, mask); ; i = (i + 1) & mask) {
                if (highs[i] == 0 && lows[i] == 0) {
                    return false;
                }
                if (highs[i] == high && lows[i] == storedLow) {
                    return true;
                }
            }
        }

        void add(long high, long low) {
            if ((count + 1) * 2 > highs.length) {
                grow();
            }
            insert(highs, lows, high, low == 0 && high == 0 ? 1 : low);
            count++;
        }

        private void grow() {
            long[] newHighs = new long[highs.length * 2];
            long[] newLows = new long[lows.length * 2];
            for (int i = 0; i < highs.length; i++) {
                if (highs[i] != 0 || lows[i] != 0) {
                    insert(newHighs, newLows, highs[i], lows[i]);
                }
            }
            highs = newHighs;
            lows = newLows;
        }

        private static void insert(long[] highs, long[] lows, long high, long low) {
            int mask = highs.length - 1;
            int i = slot(high, low, mask);
            while (highs[i] != 0 || lows[i] != 0) {
                i = (i + 1) & mask;
            }
            highs[i] = high;
            lows[i] = low;
        }

        private static int slot(long high, long low, int mask) {
            return (int) (high ^ (low >>> 17)) & mask; // the bits are a hash's already
        }
    }
}
