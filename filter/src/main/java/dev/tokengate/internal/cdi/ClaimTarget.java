package dev.tokengate.internal.cdi;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Provider;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.ClaimValue;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Java type of a {@code @Claim} injection point, as MicroProfile JWT 2.1 defines them: a value ({@code String},
 * {@code Long}/{@code long}, {@code Boolean}/{@code boolean}, {@code Set<String>}, or a JSON-P {@code JsonValue},
 * {@code JsonString}, {@code JsonNumber}, {@code JsonArray}, {@code JsonObject}), such a value in an
 * {@code Optional}, either of them in a {@code ClaimValue} (read anew on each {@code getValue()}), and all of these
 * behind {@code Provider}/{@code Instance} (which CDI itself provides, given a bean of the inner type).
 *
 * @param value    what the claim is converted to
 * @param optional in an {@code Optional}
 * @param lazy     in a {@code ClaimValue}
 * @param primitive a {@code long} or {@code boolean}: an absent claim is 0 or false, never null
 */
record ClaimTarget(Kind value, boolean optional, boolean lazy, boolean primitive) {

    /** What a claim's JSON value is converted to. */
    enum Kind {
        STRING(String.class), LONG(Long.class), BOOLEAN(Boolean.class), STRING_SET(Set.class),
        JSON_VALUE(JsonValue.class), JSON_STRING(JsonString.class), JSON_NUMBER(JsonNumber.class),
        JSON_ARRAY(JsonArray.class), JSON_OBJECT(JsonObject.class);

        final Class<?> type;

        Kind(Class<?> type) {
            this.type = type;
        }
    }

    /**
     * @param type an injection point's type
     * @return what it asks for, or empty when MicroProfile JWT defines no such injection
     */
    static Optional<ClaimTarget> of(Type type) {
        Type inner = unwrap(type, Provider.class);
        if (inner == null) {
            inner = unwrap(type, Instance.class);
        }
        if (inner != null) {
            return of(inner);
        }
        Type claimValue = unwrap(type, ClaimValue.class);
        if (claimValue != null) {
            return plain(claimValue, true);
        }
        return plain(type, false);
    }

    /** Every type a claim bean has: each value type, in an {@code Optional}, a {@code ClaimValue}, both. */
    static List<Type> beanTypes() {
        List<Type> types = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            Type value = kind == Kind.STRING_SET ? new Parameterized(Set.class, String.class) : kind.type;
            Type optional = new Parameterized(Optional.class, value);
            types.addAll(List.of(value, optional, new Parameterized(ClaimValue.class, value),
                    new Parameterized(ClaimValue.class, optional)));
        }
        return types;
    }

    /** A generic type made here, equal to the JDK's own for the same type (as {@code ParameterizedType} asks). */
    record Parameterized(Class<?> raw, Type argument) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {argument};
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ParameterizedType that && that.getOwnerType() == null && raw.equals(that.getRawType())
                    && Arrays.equals(getActualTypeArguments(), that.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(getActualTypeArguments()) ^ raw.hashCode();
        }

        @Override
        public String getTypeName() {
            return raw.getName() + "<" + argument.getTypeName() + ">";
        }

        @Override
        public String toString() {
            return getTypeName();
        }
    }

    private static Optional<ClaimTarget> plain(Type type, boolean lazy) {
        Type optional = unwrap(type, Optional.class);
        if (optional != null) {
            return kind(optional).map(kind -> new ClaimTarget(kind, true, lazy, false));
        }
        if (type == long.class || type == boolean.class) {
            return Optional.of(new ClaimTarget(type == long.class ? Kind.LONG : Kind.BOOLEAN, false, lazy, true));
        }
        return kind(type).map(kind -> new ClaimTarget(kind, false, lazy, false));
    }

    private static Optional<Kind> kind(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Set.class) {
            Type element = parameterized.getActualTypeArguments()[0];
            return element == String.class ? Optional.of(Kind.STRING_SET) : Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            if (kind != Kind.STRING_SET && kind.type == type) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The type argument of {@code raw<T>}, or null when {@code type} is no such type (a raw {@code raw} too). */
    private static Type unwrap(Type type, Class<?> raw) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == raw) {
            Type argument = parameterized.getActualTypeArguments()[0];
            return argument instanceof WildcardType ? null : argument;
        }
        return null;
    }
}
