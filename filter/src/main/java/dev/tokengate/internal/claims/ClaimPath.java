package dev.tokengate.internal.claims;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where in the claims a value sits, written one of two ways:
 * <ul>
 * <li>a dotted path of plain names: {@code groups}, {@code realm_access.roles}, {@code resource_access.my-api.roles};</li>
 * <li>an RFC 6901 JSON Pointer, for names that hold a dot or a slash: {@code /https:~1~1example.com~1roles} (Auth0's
 *     namespaced claim {@code https://example.com/roles}), {@code /cognito:groups}.</li>
 * </ul>
 * A dotted path that contains a slash is refused rather than guessed at: it is almost always a namespaced URL claim,
 * which splitting at its dots would silently miss.
 *
 * @param names the member names from the root object down
 * @param text  the path as configured, for messages
 */
public record ClaimPath(List<String> names, String text) {

    public ClaimPath {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("an empty claim path");
        }
    }

    /**
     * @param text a dotted path or a JSON Pointer
     * @return the path
     * @throws IllegalArgumentException with a message fit for a deployment error
     */
    public static ClaimPath parse(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("/")) {
            return new ClaimPath(pointer(trimmed), trimmed);
        }
        if (trimmed.indexOf('/') >= 0) {
            throw new IllegalArgumentException("\"" + trimmed + "\" contains '/': write a claim name with dots or"
                    + " slashes as a JSON Pointer, e.g. /https:~1~1example.com~1roles");
        }
        List<String> names = List.of(trimmed.split("\\.", -1));
        if (names.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("\"" + trimmed + "\" has an empty name between dots");
        }
        return new ClaimPath(names, trimmed);
    }

    private static List<String> pointer(String text) {
        List<String> names = new ArrayList<>();
        for (String token : text.substring(1).split("/", -1)) {
            StringBuilder name = new StringBuilder(token.length());
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                if (c != '~') {
                    name.append(c);
                } else if (i + 1 < token.length() && (token.charAt(i + 1) == '0' || token.charAt(i + 1) == '1')) {
                    name.append(token.charAt(++i) == '0' ? '~' : '/');
                } else {
                    throw new IllegalArgumentException("\"" + text + "\" is not a JSON Pointer: '~' must be followed"
                            + " by 0 or 1 (RFC 6901)");
                }
            }
            names.add(name.toString());
        }
        return names;
    }

    /**
     * Adds the strings found at this path: a string value, or the string members of an array value. Anything else
     * (a number, an object, a missing member, a non-object on the way) adds nothing.
     *
     * @param claims the claims
     * @param into   where to add them
     */
    public void addStrings(Map<String, Object> claims, Collection<String> into) {
        Object value = claims;
        for (String name : names) {
            if (!(value instanceof Map<?, ?> object)) {
                return;
            }
            value = object.get(name);
        }
        if (value instanceof String single) {
            into.add(single);
        } else if (value instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof String string) {
                    into.add(string);
                }
            }
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
