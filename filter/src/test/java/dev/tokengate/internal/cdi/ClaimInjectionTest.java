package dev.tokengate.internal.cdi;

import dev.tokengate.Scopes;
import dev.tokengate.VerifiedToken;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Provider;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimLiteral;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.Claims;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a {@code @Claim} injection point of each MicroProfile JWT type receives. */
class ClaimInjectionTest {
    static final VerifiedToken TOKEN = new VerifiedToken("header.payload.signature", Map.of(
            "sub", "user-1", "exp", 1_900_000_000L, "iat", 1_800_000_000L, "groups", List.of("nurse", "admin", 7),
            "aud", "https://api.example.test", "email_verified", true, "address", Map.of("country", "NZ"),
            "huge", new BigInteger("123456789012345678901234567890")), Scopes.NONE, Long.MAX_VALUE);

    /** Field types as a class declares them, so generic types are real reflection types. */
    @SuppressWarnings("unused")
    static class Types {
        String string;
        Long boxedLong;
        long primitiveLong;
        Boolean boxedBoolean;
        boolean primitiveBoolean;
        Set<String> stringSet;
        Set<Integer> integerSet;
        Set rawSet;
        JsonValue jsonValue;
        JsonString jsonString;
        JsonNumber jsonNumber;
        JsonArray jsonArray;
        JsonObject jsonObject;
        Optional<String> optionalString;
        Optional<Long> optionalLong;
        Optional<Set<String>> optionalSet;
        Optional<JsonObject> optionalObject;
        ClaimValue<String> claimValueString;
        ClaimValue<Optional<Long>> claimValueOptionalLong;
        ClaimValue<JsonArray> claimValueArray;
        Provider<String> providerString;
        Instance<Optional<Boolean>> instanceOptionalBoolean;
        Provider<ClaimValue<Set<String>>> providerClaimValueSet;
        Integer integer;
        Map<String, Object> map;
        ClaimValue<Integer> claimValueInteger;
        Optional<Optional<String>> optionalOptional;
    }

    static Type type(String field) {
        try {
            return Types.class.getDeclaredField(field).getGenericType();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    static Object inject(String claim, String field) {
        return ClaimConversion.value(TOKEN, claim, ClaimTarget.of(type(field)).orElseThrow());
    }

    @Test
    void everyTypeMicroProfileJwtDefinesIsAccepted() {
        for (String field : List.of("string", "boxedLong", "primitiveLong", "boxedBoolean", "primitiveBoolean",
                "stringSet", "jsonValue", "jsonString", "jsonNumber", "jsonArray", "jsonObject", "optionalString",
                "optionalLong", "optionalSet", "optionalObject", "claimValueString", "claimValueOptionalLong",
                "claimValueArray", "providerString", "instanceOptionalBoolean", "providerClaimValueSet")) {
            assertThat(ClaimTarget.of(type(field))).as(field).isPresent();
        }
    }

    @Test
    void otherTypesAreNot() {
        for (String field : List.of("integer", "map", "integerSet", "rawSet", "claimValueInteger", "optionalOptional")) {
            assertThat(ClaimTarget.of(type(field))).as(field).isEmpty();
        }
    }

    @Test
    void rawTypesGetTheClaimsValue() {
        assertThat(inject("sub", "string")).isEqualTo("user-1");
        assertThat(inject("exp", "boxedLong")).isEqualTo(1_900_000_000L);
        assertThat(inject("iat", "primitiveLong")).isEqualTo(1_800_000_000L);
        assertThat(inject("email_verified", "boxedBoolean")).isEqualTo(true);
        assertThat(inject("groups", "stringSet")).isEqualTo(Set.of("nurse", "admin"));
        assertThat(inject("aud", "stringSet")).isEqualTo(Set.of("https://api.example.test"));
    }

    @Test
    void theRawTokenIsAClaimToo() {
        assertThat(inject(Claims.raw_token.name(), "string")).isEqualTo("header.payload.signature");
        assertThat(((JsonString) inject(Claims.raw_token.name(), "jsonString")).getString()).isEqualTo("header.payload.signature");
    }

    @Test
    void anAbsentClaimIsNullEmptyZeroOrFalse() {
        assertThat(inject("nope", "string")).isNull();
        assertThat(inject("nope", "boxedLong")).isNull();
        assertThat(inject("nope", "primitiveLong")).isEqualTo(0L);
        assertThat(inject("nope", "primitiveBoolean")).isEqualTo(false);
        assertThat(inject("nope", "optionalString")).isEqualTo(Optional.empty());
        assertThat(inject("nope", "jsonValue")).isNull();
    }

    @Test
    void aClaimThatDoesNotFitTheTypeIsAbsent() {
        assertThat(inject("sub", "boxedLong")).isNull();
        assertThat(inject("huge", "boxedLong")).isNull();
        assertThat(inject("sub", "primitiveBoolean")).isEqualTo(false);
        assertThat(inject("sub", "jsonNumber")).isNull();
        assertThat(inject("address", "stringSet")).isNull();
    }

    @Test
    void jsonTypesGetJsonP() {
        assertThat(((JsonString) inject("sub", "jsonString")).getString()).isEqualTo("user-1");
        assertThat(((JsonNumber) inject("exp", "jsonNumber")).longValue()).isEqualTo(1_900_000_000L);
        assertThat((JsonArray) inject("groups", "jsonArray")).hasSize(3);
        assertThat(((JsonObject) inject("address", "jsonObject")).getString("country")).isEqualTo("NZ");
        assertThat(inject("email_verified", "jsonValue")).isEqualTo(JsonValue.TRUE);
        assertThat(inject("address", "optionalObject")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.OPTIONAL)
                .containsInstanceOf(JsonObject.class);
    }

    @Test
    void withoutACallerEveryClaimIsAbsent() {
        assertThat(ClaimConversion.value(null, "sub", ClaimTarget.of(type("string")).orElseThrow())).isNull();
        assertThat(ClaimConversion.value(null, "sub", ClaimTarget.of(type("optionalString")).orElseThrow()))
                .isEqualTo(Optional.empty());
        assertThat(ClaimConversion.value(null, "exp", ClaimTarget.of(type("primitiveLong")).orElseThrow())).isEqualTo(0L);
    }

    @Test
    void aClaimValueReadsTheCurrentTokenEachTime() {
        VerifiedToken[] current = {TOKEN};
        InjectedClaimValue<Object> value = new InjectedClaimValue<>("sub",
                ClaimTarget.of(type("claimValueString")).orElseThrow(), () -> current[0]);
        assertThat(value.getName()).isEqualTo("sub");
        assertThat(value.getValue()).isEqualTo("user-1");
        current[0] = new VerifiedToken("t", Map.of("sub", "user-2"), Scopes.NONE, Long.MAX_VALUE);
        assertThat(value.getValue()).isEqualTo("user-2");
        current[0] = null;
        assertThat(value.getValue()).isNull();
        assertThat(value.toString()).doesNotContain("user");
    }

    @Test
    void aBeanServesEachValueTypeItsOptionalAndTheirClaimValues() {
        List<Type> types = ClaimTarget.beanTypes();
        assertThat(types).hasSize(36).doesNotHaveDuplicates();
        // the types made here are the types the compiler writes: a bean of one serves an injection point of the other
        for (String field : List.of("string", "boxedLong", "stringSet", "jsonObject", "optionalString", "optionalSet",
                "optionalObject", "claimValueString", "claimValueOptionalLong", "claimValueArray")) {
            assertThat(types).as(field).contains(type(field));
            assertThat(types.get(types.indexOf(type(field))).hashCode()).isEqualTo(type(field).hashCode());
        }
        // Provider<T> and Instance<T> are CDI's own, served by the bean of T; long and boolean by Long's and Boolean's
        assertThat(types).doesNotContain(type("providerString"), type("instanceOptionalBoolean"));
    }

    @Test
    void aClaimIsNamedByValueOrByStandard() {
        assertThat(ClaimInjectionExtension.nameOf(new ClaimLiteral("email"))).isEqualTo("email");
        assertThat(ClaimInjectionExtension.nameOf(new ClaimLiteral(Claims.iat))).isEqualTo("iat");
        assertThat(ClaimInjectionExtension.nameOf(claim("iat", Claims.iat))).isEqualTo("iat");
    }

    @Test
    void aClaimNamedTwiceDifferentlyOrNotAtAllIsRefused() {
        assertThatThrownBy(() -> ClaimInjectionExtension.nameOf(claim("exp", Claims.iat)))
                .hasMessageContaining("two claims");
        assertThatThrownBy(() -> ClaimInjectionExtension.nameOf(new ClaimLiteral("")))
                .hasMessageContaining("no claim");
    }

    private static Claim claim(String value, Claims standard) {
        return new Claim() {
            @Override
            public String value() {
                return value;
            }

            @Override
            public Claims standard() {
                return standard;
            }

            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return Claim.class;
            }
        };
    }
}
