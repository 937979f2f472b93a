package dev.tokengate.internal.cdi;

import dev.tokengate.VerifiedToken;
import dev.tokengate.internal.json.JsonValues;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.Claims;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A validated token's claim as a {@link ClaimTarget} asks for it, read from the claims tokengate parsed and verified
 * (never from anything else the request carries). A claim that is absent, or whose JSON does not fit the type (a
 * string where a number is asked for), is {@code null}: an empty {@code Optional}, {@code 0} or {@code false} for
 * the primitives. Without a token (no caller), every claim is absent.
 */
final class ClaimConversion {
    private ClaimConversion() {
    }

    /**
     * @param token  the request's validated token, or null
     * @param name   the claim ({@code raw_token} is the token as sent)
     * @param target what to convert it to ({@link ClaimTarget#lazy()} is the caller's concern)
     * @return the value
     */
    static Object value(VerifiedToken token, String name, ClaimTarget target) {
        Object claim = token == null ? null
                : Claims.raw_token.name().equals(name) ? token.getRawToken() : token.rawClaims().get(name);
        Object converted = claim == null ? null : convert(claim, target.value());
        if (target.optional()) {
            return Optional.ofNullable(converted);
        }
        if (converted == null && target.primitive()) {
            return target.value() == ClaimTarget.Kind.LONG ? (Object) 0L : Boolean.FALSE;
        }
        return converted;
    }

    private static Object convert(Object claim, ClaimTarget.Kind kind) {
        return switch (kind) {
            case STRING -> claim instanceof String text ? text : JsonValues.of(claim).toString();
            case LONG -> claim instanceof Number number && !(number instanceof BigInteger big && big.bitLength() > 63)
                    ? number.longValue() : null;
            case BOOLEAN -> claim instanceof Boolean flag ? flag : null;
            case STRING_SET -> stringSet(claim);
            default -> {
                JsonValue json = JsonValues.of(claim);
                yield kind.type.isInstance(json) ? json : null;
            }
        };
    }

    /** A string is a set of one; an array gives its strings (anything else in it counts for nothing). */
    private static Set<String> stringSet(Object claim) {
        if (claim instanceof String single) {
            return Set.of(single);
        }
        if (!(claim instanceof Collection<?> items)) {
            return null;
        }
        Set<String> strings = new LinkedHashSet<>();
        for (Object item : items) {
            if (item instanceof String text) {
                strings.add(text);
            }
        }
        return Collections.unmodifiableSet(strings);
    }
}
