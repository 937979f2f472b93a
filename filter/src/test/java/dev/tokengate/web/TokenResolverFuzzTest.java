package dev.tokengate.web;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tokengate.internal.config.TokengateConfig.TokenLocations;
import dev.tokengate.web.Rfc6750TokenResolverTest.FakeRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RFC 6750 resolver on requests whose Authorization headers, query string and form body the fuzzer writes: a
 * resolution, never an exception; a found token is one b64token within the length limit.
 */
class TokenResolverFuzzTest {
    static final TokenLocations EVERYWHERE = new TokenLocations("Authorization", "Bearer", true, true, 64);

    @FuzzTest
    void anyRequest(FuzzedDataProvider data) {
        List<String> authorization = new ArrayList<>();
        int headers = data.consumeInt(0, 3);
        for (int i = 0; i < headers; i++) {
            authorization.add(data.consumeString(100));
        }
        String query = data.consumeBoolean() ? data.consumeString(100) : null;
        String method = data.pickValue(List.of("GET", "POST", "PUT"));
        String contentType = data.consumeBoolean() ? "application/x-www-form-urlencoded" : data.consumeString(40);
        Map<String, String[]> parameters = data.consumeBoolean()
                ? Map.of("access_token", new String[] {data.consumeRemainingAsString()}) : Map.of();
        FakeRequest request = new FakeRequest(Map.of("Authorization", authorization), query, method, contentType,
                parameters, null);

        TokenResolution resolution = new Rfc6750TokenResolver(EVERYWHERE).resolve(request.proxy());

        assertThat(resolution).isNotNull();
        if (resolution instanceof TokenResolution.Found found) {
            assertThat(found.token()).matches("[A-Za-z0-9\\-._~+/]+=*").hasSizeLessThanOrEqualTo(64);
        }
    }
}
