package dev.tokengate.internal.dpop;

/**
 * A proof that passed every check of its own (RFC 9449 §4.3): what is left to check against the token and the
 * server's memory.
 *
 * @param thumbprint the RFC 7638 SHA-256 thumbprint of its public key, base64url
 * @param jti        its identifier
 * @param issuedAt   its {@code iat}, in epoch seconds
 * @param nonce      its {@code nonce}, or {@code null}
 */
public record DPoPProof(String thumbprint, String jti, long issuedAt, String nonce) {
}
