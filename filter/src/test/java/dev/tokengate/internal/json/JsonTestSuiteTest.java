package dev.tokengate.internal.json;

import dev.tokengate.RejectionReason;
import dev.tokengate.internal.claims.TokenRejection;
import dev.tokengate.internal.jwt.CompactJws;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Nicolas Seriot's JSONTestSuite (testvectors/jsontestsuite): every {@code y_} text is accepted, every {@code n_} text
 * refused, and each {@code i_} text goes the way {@link #ACCEPTED_IMPLEMENTATION_DEFINED} says. As a token header, only
 * the accepted texts that are objects get past the compact parse.
 */
class JsonTestSuiteTest {

    /**
     * The implementation-defined texts tokengate accepts: integers beyond a long, read exactly as BigInteger. Every
     * other {@code i_} text is refused: numbers that overflow or underflow a double, unpaired surrogates (escaped or
     * encoded), byte sequences that are not strict UTF-8, UTF-16 text, a byte order mark, and 500 levels of nesting.
     */
    static final Set<String> ACCEPTED_IMPLEMENTATION_DEFINED = Set.of(
            "i_number_too_big_neg_int.json", "i_number_too_big_pos_int.json", "i_number_very_big_negative_int.json");

    static Stream<Path> cases(String prefix) {
        try {
            Path folder = Path.of(JsonTestSuiteTest.class.getResource("/testvectors/jsontestsuite/test_parsing").toURI());
            try (Stream<Path> files = Files.list(folder)) {
                List<Path> matching = files.filter(file -> file.getFileName().toString().startsWith(prefix)).sorted().toList();
                return matching.stream();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The two {@code y_} texts tokengate refuses on purpose: RFC 8259 lets a parser accept duplicate member names, but
     * a token or an issuer answer with two {@code aud} or two {@code exp} can be read two ways, so none is accepted
     * (RFC 7515 §5.2, RFC 7519 §4).
     */
    static final Set<String> REFUSED_DUPLICATE_NAMES = Set.of(
            "y_object_duplicated_key.json", "y_object_duplicated_key_and_value.json");

    static Stream<Path> mustAccept() {
        return Stream.concat(
                cases("y_").filter(file -> !REFUSED_DUPLICATE_NAMES.contains(file.getFileName().toString())),
                cases("i_").filter(file -> ACCEPTED_IMPLEMENTATION_DEFINED.contains(file.getFileName().toString())));
    }

    static Stream<Path> mustRefuse() {
        return Stream.of(
                cases("n_"),
                cases("y_").filter(file -> REFUSED_DUPLICATE_NAMES.contains(file.getFileName().toString())),
                cases("i_").filter(file -> !ACCEPTED_IMPLEMENTATION_DEFINED.contains(file.getFileName().toString())))
                .flatMap(cases -> cases);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mustAccept")
    void isAccepted(Path file) throws Exception {
        StrictJson.parse(Files.readAllBytes(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mustRefuse")
    void isRefused(Path file) {
        assertThatThrownBy(() -> StrictJson.parse(Files.readAllBytes(file))).isInstanceOf(MalformedJsonException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mustRefuse")
    void asATokenHeaderIsAMalformedToken(Path file) throws IOException {
        assertThat(headerRejection(header(file))).contains(RejectionReason.MALFORMED_TOKEN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mustAccept")
    void asATokenHeaderPassesTheCompactParseOnlyWhenItIsAnObject(Path file) throws Exception {
        boolean isObject = StrictJson.parse(Files.readAllBytes(file)) instanceof Map;
        assertThat(headerRejection(header(file)))
                .isEqualTo(isObject ? java.util.Optional.empty() : java.util.Optional.of(RejectionReason.MALFORMED_TOKEN));
    }

    private static String header(Path file) throws IOException {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Files.readAllBytes(file));
    }

    /** The rejection of a token whose header segment is {@code header}, or empty when the compact parse accepts it. */
    private static java.util.Optional<RejectionReason> headerRejection(String header) {
        try {
            CompactJws.parse(header + ".e30.c2ln");
            return java.util.Optional.empty();
        } catch (TokenRejection rejection) {
            return java.util.Optional.of(rejection.reason());
        }
    }
}
