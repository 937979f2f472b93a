package dev.tokengate.internal.jwt;

import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmFactory;
import org.jose4j.jwa.AlgorithmFactoryFactory;
import org.jose4j.jws.JsonWebSignatureAlgorithm;
import org.jose4j.lang.InvalidAlgorithmException;
import org.jose4j.lang.JoseException;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks a signature with jose4j's algorithm implementations (which also refuse weak keys, such as RSA under 2048 bits,
 * and convert ECDSA's JOSE signature format), given the bytes the compact parse already produced: nothing is
 * decoded or parsed twice.
 */
public final class SignatureVerifier {
    private final Map<String, JsonWebSignatureAlgorithm> algorithms;
    private final ProviderContext providers = new ProviderContext();

    public SignatureVerifier(Set<String> allowed) {
        AlgorithmFactory<JsonWebSignatureAlgorithm> factory = AlgorithmFactoryFactory.getInstance().getJwsAlgorithmFactory();
        Map<String, JsonWebSignatureAlgorithm> byName = new HashMap<>();
        for (String name : allowed) {
            try {
                byName.put(name, factory.getAlgorithm(name));
            } catch (InvalidAlgorithmException e) {
                throw new IllegalArgumentException("this JVM cannot verify " + name);
            }
        }
        this.algorithms = Map.copyOf(byName);
    }

    public boolean verify(String alg, VerificationKey key, byte[] signingInput, byte[] signature) {
        JsonWebSignatureAlgorithm algorithm = algorithms.get(alg);
        if (algorithm == null || !key.canVerify(alg)) {
            return false;
        }
        try {
            algorithm.validateVerificationKey(key.key());
            return algorithm.verifySignature(signature, key.key(), signingInput, providers);
        } catch (JoseException | RuntimeException invalid) {
            // A weak key or a signature the provider cannot even decode is just a signature that does not verify.
            return false;
        }
    }
}
