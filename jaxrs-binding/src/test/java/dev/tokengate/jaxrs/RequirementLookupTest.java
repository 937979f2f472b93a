package dev.tokengate.jaxrs;

import dev.tokengate.Scopes;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which annotation governs a method, and what a requirement accepts: worked out without a server. */
class RequirementLookupTest {
    static final List<Class<? extends java.lang.annotation.Annotation>> SCOPE = List.of(RequiresScope.class);


    @RequiresScope("app")
    static class App extends jakarta.ws.rs.core.Application {
    }

    interface Api {
        @RequiresScope("from-interface")
        String annotatedInInterface();

        String plain();
    }

    @RequiresScope("from-superclass")
    abstract static class Base {
        @RequiresScope("from-super-method")
        public abstract String overridden();
    }

    static class Resource extends Base implements Api {
        @Override
        public String annotatedInInterface() {
            return "";
        }

        @Override
        public String plain() {
            return "";
        }

        @Override
        public String overridden() {
            return "";
        }

        @RequiresScope(value = {"own"}, any = true)
        public String own() {
            return "";
        }
    }

    interface Crud<T> {
        @RequiresScope("write:any")
        void create(T item);
    }

    static class Patients implements Crud<String> {
        @Override
        public void create(String item) {
        }
    }

    static class Unannotated {
        public String get() {
            return "";
        }
    }

    static Optional<List<String>> scopesOf(Class<?> type, String method, Class<?> app) throws Exception {
        Method m = type.getMethod(method);
        return RequirementLookup.find(SCOPE, type, m, app).map(annotation -> List.of(((RequiresScope) annotation).value()));
    }

    @Test
    void theClosestDeclarationWins() throws Exception {
        assertThat(scopesOf(Resource.class, "own", App.class)).contains(List.of("own"));
        assertThat(scopesOf(Resource.class, "annotatedInInterface", App.class)).contains(List.of("from-interface"));
        assertThat(scopesOf(Resource.class, "overridden", App.class)).contains(List.of("from-super-method"));
        assertThat(scopesOf(Resource.class, "plain", App.class)).contains(List.of("from-superclass"));
        assertThat(scopesOf(Unannotated.class, "get", App.class)).contains(List.of("app"));
        assertThat(scopesOf(Unannotated.class, "get", null)).isEmpty();
    }

    @Test
    void aGenericInterfaceMethodCounts() throws Exception {
        Method create = Patients.class.getMethod("create", String.class);
        assertThat(RequirementLookup.find(SCOPE, Patients.class, create, null)).hasValueSatisfying(a ->
                assertThat(((RequiresScope) a).value()).containsExactly("write:any"));
    }

    @Test
    void allAnyAndEmptyRequirements() {
        Scopes granted = new Scopes(Set.of("a", "b"));
        assertThat(new ScopeRequirement(List.of("a", "b"), false).isSatisfiedBy(granted)).isTrue();
        assertThat(new ScopeRequirement(List.of("a", "c"), false).isSatisfiedBy(granted)).isFalse();
        assertThat(new ScopeRequirement(List.of("a", "c"), true).isSatisfiedBy(granted)).isTrue();
        assertThat(new ScopeRequirement(List.of("c", "d"), true).isSatisfiedBy(granted)).isFalse();
        assertThat(new ScopeRequirement(List.of(), false).isSatisfiedBy(Scopes.NONE)).isTrue();
        assertThat(new ScopeRequirement(List.of("a", "a"), false).scopes()).containsExactly("a");
        for (String bad : new String[] {"read patients", "a\"b", "a\\b", "", "é"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ScopeRequirement(List.of(bad), false))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
