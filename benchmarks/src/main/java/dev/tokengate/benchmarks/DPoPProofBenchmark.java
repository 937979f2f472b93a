package dev.tokengate.benchmarks;

import dev.tokengate.VerifiedToken;
import dev.tokengate.internal.config.ConfigLoader;
import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.internal.config.PropertySource;
import dev.tokengate.internal.config.TokengateConfig;
import dev.tokengate.internal.dpop.DPoPProof;
import dev.tokengate.internal.dpop.HttpUri;
import dev.tokengate.internal.dpop.InMemoryDPoPStore;
import dev.tokengate.internal.dpop.ProofValidator;
import dev.tokengate.internal.http.IssuerHttpClient;
import dev.tokengate.internal.jwt.JwtValidator;
import dev.tokengate.internal.jwt.JwtValidators;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What DPoP (RFC 9449) adds to a request, beside what the token already costs: the bare JCA check of an ES256 proof's
 * signature (the floor), tokengate's full proof validation (parse, header rules, the {@code jwk}, signature, claims,
 * {@code htu} normalisation, {@code ath}, the key thumbprint), the replay cache's record of a new proof, and, for
 * scale, the validation of an RS256 access token first time and seen before.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DPoPProofBenchmark {
    static final String ISSUER = "https://issuer.example.test/";
    static final String AUDIENCE = "https://api.example.test";
    static final String URI = "https://api.example.test/patients";

    private String accessToken;
    private String proof;
    private String requestUri;
    private PublicKey proofKey;
    private byte[] proofSigningInput;
    private byte[] proofSignature;
    private ProofValidator proofs;
    private InMemoryDPoPStore store;
    private final AtomicLong proofIds = new AtomicLong();
    private JwtValidator firstTime;
    private JwtValidator seenBefore;

    @Setup
    public void setUp() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair issuerKeys = rsa.generateKeyPair();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair clientKeys = ec.generateKeyPair();
        proofKey = clientKeys.getPublic();

        PublicJsonWebKey clientJwk = PublicJsonWebKey.Factory.newPublicJwk(proofKey);
        accessToken = accessToken(issuerKeys, clientJwk.calculateBase64urlEncodedThumbprint("SHA-256"));
        // iat now: a fork measures for well under the minute a proof stays acceptable
        proof = proof(clientKeys, clientJwk, accessToken);
        int lastDot = proof.lastIndexOf('.');
        proofSigningInput = proof.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        proofSignature = Base64.getUrlDecoder().decode(proof.substring(lastDot + 1));
        requestUri = HttpUri.normalized(URI);

        proofs = new ProofValidator(Set.of("ES256", "RS256", "PS256"), Duration.ofMinutes(5), Duration.ofSeconds(60));
        store = new InMemoryDPoPStore(10_000_000, Duration.ofMinutes(5));
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(issuerKeys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
        firstTime = validator(Map.of(PropertyNames.ISSUER, ISSUER, PropertyNames.AUDIENCES, AUDIENCE,
                PropertyNames.PUBLIC_KEY, pem, PropertyNames.VERIFIED_CACHE_SIZE, "0"));
        seenBefore = validator(Map.of(PropertyNames.ISSUER, ISSUER, PropertyNames.AUDIENCES, AUDIENCE,
                PropertyNames.PUBLIC_KEY, pem));

        if (!rawJcaProofSignatureCheck()) {
            throw new IllegalStateException("the raw JCA check rejected the proof");
        }
        if (!clientJwk.calculateBase64urlEncodedThumbprint("SHA-256").equals(tokengateProofValidation().thumbprint())) {
            throw new IllegalStateException("tokengate accepted the proof with the wrong key");
        }
        if (!"user-1".equals(tokengateAccessTokenFirstTime().getName()) || !replayCacheRecordsANewProof()) {
            throw new IllegalStateException("the access token or the replay cache did not check out");
        }
    }

    private static JwtValidator validator(Map<String, String> properties) {
        PropertySource source = name -> Optional.ofNullable(properties.get(name));
        TokengateConfig config = new ConfigLoader(source, DPoPProofBenchmark.class.getClassLoader()).load();
        return JwtValidators.fromSettings(config, new IssuerHttpClient(config.http()), Clock.systemUTC());
    }

    /** The floor: the proof's ES256 signature checked by the JDK alone. */
    @Benchmark
    public boolean rawJcaProofSignatureCheck() throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(proofKey);
        verifier.update(proofSigningInput);
        return verifier.verify(proofSignature);
    }

    /** Everything a proof is checked for on its own, per request. */
    @Benchmark
    public DPoPProof tokengateProofValidation() throws Exception {
        return proofs.validate(proof, "GET", requestUri, accessToken, Instant.now());
    }

    /** The replay cache's part: a new proof's record (a fresh id each call, as each request brings one). */
    @Benchmark
    public boolean replayCacheRecordsANewProof() {
        return store.firstUse(Long.toString(proofIds.incrementAndGet()), Instant.now().plusSeconds(120));
    }

    /** For scale: the access token, validated in full (RS256, the cache off). */
    @Benchmark
    public VerifiedToken tokengateAccessTokenFirstTime() throws Exception {
        return firstTime.verify(accessToken);
    }

    /** For scale: the access token seen before (the verified-token cache). */
    @Benchmark
    public VerifiedToken tokengateAccessTokenSeenBefore() throws Exception {
        return seenBefore.verify(new String(accessToken));
    }

    private static String accessToken(KeyPair issuer, String thumbprint) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject("user-1");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(24 * 60);
        claims.setStringClaim("scope", "read:patients");
        claims.setClaim("cnf", Map.of("jkt", thumbprint));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue("RS256");
        jws.setHeader("typ", "at+jwt");
        jws.setKey(issuer.getPrivate());
        return jws.getCompactSerialization();
    }

    private static String proof(KeyPair client, PublicJsonWebKey jwk, String accessToken) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setStringClaim("jti", UUID.randomUUID().toString());
        claims.setStringClaim("htm", "GET");
        claims.setStringClaim("htu", URI);
        claims.setIssuedAtToNow();
        claims.setStringClaim("ath", Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII))));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue("ES256");
        jws.setHeader("typ", "dpop+jwt");
        jws.getHeaders().setJwkHeaderValue("jwk", PublicJsonWebKey.Factory.newPublicJwk(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        jws.setKey(client.getPrivate());
        return jws.getCompactSerialization();
    }
}
