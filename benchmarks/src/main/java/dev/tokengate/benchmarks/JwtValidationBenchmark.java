package dev.tokengate.benchmarks;

import dev.tokengate.Authentication;
import dev.tokengate.VerifiedToken;
import dev.tokengate.internal.config.ConfigLoader;
import dev.tokengate.internal.config.PropertyNames;
import dev.tokengate.internal.config.PropertySource;
import dev.tokengate.internal.config.TokengateConfig;
import dev.tokengate.internal.http.IssuerHttpClient;
import dev.tokengate.internal.json.StrictJson;
import dev.tokengate.internal.jwt.JwtValidator;
import dev.tokengate.internal.jwt.IssuerRouter;
import dev.tokengate.internal.jwt.JwtValidators;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One valid access token per algorithm, checked three ways: the bare JCA signature check (the floor), tokengate's full
 * validator, and smallrye-jwt's {@link DefaultJWTParser}. The ratio of each to the floor is the cost of everything
 * beyond the signature: parsing, header and claim rules, key selection, building the principal.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JwtValidationBenchmark {

    static final String ISSUER = "https://issuer.example.test/";
    static final String AUDIENCE = "https://api.example.test";

    @Param({"RS256", "ES256"})
    public String alg;

    private String token;
    private PublicKey publicKey;
    private String jcaAlgorithm;
    private byte[] signingInput;
    private byte[] signature;
    private JwtValidator tokengate;
    private JwtValidator tokengateCached;
    private DefaultJWTParser smallrye;
    private IssuerRouter threeIssuers;
    private IssuerRouter threeIssuersCached;

    private static JwtValidator validator(Map<String, String> properties) {
        PropertySource source = name -> Optional.ofNullable(properties.get(name));
        TokengateConfig config = new ConfigLoader(source, JwtValidationBenchmark.class.getClassLoader()).load();
        return JwtValidators.fromSettings(config,
                new IssuerHttpClient(config.http()), Clock.systemUTC());
    }

    @Setup
    public void setUp() throws Exception {
        KeyPair pair = keyPair(alg);
        publicKey = pair.getPublic();
        token = mint(pair, alg);

        // The raw check gets exactly what the token signs; JOSE's ES256 signature is r||s, which the P1363 variant takes as is.
        int lastDot = token.lastIndexOf('.');
        signingInput = token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        signature = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));
        jcaAlgorithm = alg.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format";

        // First-time validation: the verified-token cache off, so every call does all the work.
        tokengate = validator(Map.of(
                PropertyNames.ISSUER, ISSUER,
                PropertyNames.AUDIENCES, AUDIENCE,
                PropertyNames.PUBLIC_KEY, pem(publicKey),
                PropertyNames.ALGORITHMS, alg,
                PropertyNames.VERIFIED_CACHE_SIZE, "0"));
        // A token seen before: the default configuration, with the cache on.
        tokengateCached = validator(Map.of(
                PropertyNames.ISSUER, ISSUER,
                PropertyNames.AUDIENCES, AUDIENCE,
                PropertyNames.PUBLIC_KEY, pem(publicKey),
                PropertyNames.ALGORITHMS, alg));

        // tokengate.issuers: the token's issuer among three, each with its own validator, routed by iss.
        threeIssuers = router(tokengate, "0");
        threeIssuersCached = router(tokengateCached, "10000");

        JWTAuthContextInfo contextInfo = new JWTAuthContextInfo(publicKey, ISSUER);
        contextInfo.setExpectedAudience(Set.of(AUDIENCE));
        contextInfo.setSignatureAlgorithm(Set.of(SignatureAlgorithm.fromAlgorithm(alg)));
        smallrye = new DefaultJWTParser(contextInfo);

        // Each path must accept the token, or the figures mean nothing.
        if (!rawJcaSignatureCheck()) {
            throw new IllegalStateException(alg + ": the raw JCA check rejected the token");
        }
        VerifiedToken verified = tokengateValidator();
        if (!"user-1".equals(verified.getName()) || !verified.getScopes().contains("read:patients")) {
            throw new IllegalStateException(alg + ": tokengate accepted the token with wrong claims: " + verified);
        }
        if (!(tokengateThreeIssuers() instanceof Authentication.Authenticated)
                || !(tokengateThreeIssuersTokenSeenBefore() instanceof Authentication.Authenticated)) {
            throw new IllegalStateException(alg + ": the issuer router refused the token");
        }
        JsonWebToken parsed = smallryeDefaultJwtParser();
        if (!"user-1".equals(parsed.getName())) {
            throw new IllegalStateException(alg + ": smallrye-jwt parsed the token with wrong claims");
        }
    }

    @Benchmark
    public boolean rawJcaSignatureCheck() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(jcaAlgorithm);
        verifier.initVerify(publicKey);
        verifier.update(signingInput);
        return verifier.verify(signature);
    }

    private final org.jose4j.jca.ProviderContext providers = new org.jose4j.jca.ProviderContext();

    /** The signature check as tokengate makes it: jose4j's algorithm object, which the validator calls. */
    @Benchmark
    public boolean jose4jSignatureCheck() throws Exception {
        org.jose4j.jws.JsonWebSignatureAlgorithm algorithm = org.jose4j.jwa.AlgorithmFactoryFactory.getInstance()
                .getJwsAlgorithmFactory().getAlgorithm(alg);
        algorithm.validateVerificationKey(publicKey);
        return algorithm.verifySignature(signature, publicKey, signingInput, providers);
    }

    @Benchmark
    public VerifiedToken tokengateValidator() throws Exception {
        return tokengate.verify(token);
    }

    /**
     * Where the rest goes: decoding the header and claims and parsing both with jose4j's JSON parser, which the
     * validator must do on top of the signature check.
     */
    @Benchmark
    public int jose4jJsonOfHeaderAndClaims() throws Exception {
        int firstDot = token.indexOf('.');
        int secondDot = token.indexOf('.', firstDot + 1);
        Base64.Decoder decoder = Base64.getUrlDecoder();
        String header = new String(decoder.decode(token.substring(0, firstDot)), StandardCharsets.UTF_8);
        String claims = new String(decoder.decode(token.substring(firstDot + 1, secondDot)), StandardCharsets.UTF_8);
        return org.jose4j.json.JsonUtil.parseJson(header).size() + org.jose4j.json.JsonUtil.parseJson(claims).size();
    }

    /**
     * The same work with the parser tokengate uses, {@code StrictJson} (jackson-core underneath): decoding the header
     * and claims and parsing both, bytes straight in.
     */
    @Benchmark
    public int strictJsonOfHeaderAndClaims() throws Exception {
        int firstDot = token.indexOf('.');
        int secondDot = token.indexOf('.', firstDot + 1);
        Base64.Decoder decoder = Base64.getUrlDecoder();
        byte[] header = decoder.decode(token.substring(0, firstDot));
        byte[] claims = decoder.decode(token.substring(firstDot + 1, secondDot));
        return ((Map<?, ?>) StrictJson.parse(header)).size() + ((Map<?, ?>) StrictJson.parse(claims)).size();
    }

    /**
     * The same token again: answered by the verified-token cache (exp and key still checked). A new String each time,
     * as each request brings one, so its hash is computed as it would be per request.
     */
    @Benchmark
    public VerifiedToken tokengateValidatorTokenSeenBefore() throws Exception {
        return tokengateCached.verify(new String(token));
    }

    /** The token's own validator and two other issuers' (their keys are another key pair's; never consulted). */
    private IssuerRouter router(JwtValidator tokensIssuer, String cacheSize) throws GeneralSecurityException {
        Map<String, JwtValidator> byIssuer = new java.util.LinkedHashMap<>();
        for (String other : List.of("https://partner.example.test/", "https://legacy.example.test/")) {
            byIssuer.put(other, validator(Map.of(
                    PropertyNames.ISSUER, other,
                    PropertyNames.AUDIENCES, AUDIENCE,
                    PropertyNames.PUBLIC_KEY, pem(keyPair(alg).getPublic()),
                    PropertyNames.ALGORITHMS, alg,
                    PropertyNames.VERIFIED_CACHE_SIZE, cacheSize)));
        }
        byIssuer.put(ISSUER, tokensIssuer);
        return new IssuerRouter(byIssuer);
    }

    /** First-time validation with three trusted issuers: {@code iss} read, then the issuer's own validator. */
    @Benchmark
    public Authentication tokengateThreeIssuers() {
        return threeIssuers.validate(token);
    }

    /** A token seen before, with three trusted issuers: each issuer's cache asked, no parsing. */
    @Benchmark
    public Authentication tokengateThreeIssuersTokenSeenBefore() {
        return threeIssuersCached.validate(new String(token));
    }

    @Benchmark
    public JsonWebToken smallryeDefaultJwtParser() throws Exception {
        return smallrye.parse(token);
    }

    private static KeyPair keyPair(String alg) throws GeneralSecurityException {
        if (alg.equals("RS256")) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        if (alg.equals("ES256")) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        }
        throw new IllegalArgumentException("no benchmark key for " + alg);
    }

    private static String mint(KeyPair pair, String alg) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject("user-1");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(24 * 60);
        claims.setStringClaim("scope", "read:patients write:patients");

        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(alg);
        jws.setKeyIdHeaderValue("bench-" + alg.toLowerCase());
        jws.setHeader("typ", "at+jwt");
        jws.setKey(pair.getPrivate());
        return jws.getCompactSerialization();
    }

    private static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
