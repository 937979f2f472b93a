package dev.tokengate.internal;

/**
 * Whether an API that only some servers or applications have (MicroProfile Health and Metrics, Micrometer, CDI) is
 * there for this jar's code. Classes that name such an API are loaded only after this said yes, so a server without
 * it never loads a class it could not link.
 */
public final class OptionalApis {
    private OptionalApis() {
    }

    /**
     * @param className a class of the API
     * @return whether this jar's class loader can load it (looked up, not initialised)
     */
    public static boolean present(String className) {
        try {
            Class.forName(className, false, OptionalApis.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
