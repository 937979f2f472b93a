package dev.tokengate.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one HTTP client of the tests: loopback only (see {@link Loopback}), no proxy, no redirects followed, bounded
 * timeouts. Answers are returned whatever their status; assertions are the caller's.
 */
public final class LoopbackHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private LoopbackHttp() {
    }

    public static HttpResponse<String> get(URI uri) {
        return get(uri, Map.of());
    }

    public static HttpResponse<String> get(URI uri, Map<String, String> headers) {
        return send(request(uri, headers).GET().build());
    }

    /** GET with {@code Authorization: Bearer <token>}. */
    public static HttpResponse<String> getWithBearer(URI uri, String token) {
        return get(uri, Map.of("Authorization", "Bearer " + token));
    }

    public static HttpResponse<String> postForm(URI uri, Map<String, String> form) {
        return postForm(uri, form, Map.of());
    }

    public static HttpResponse<String> postForm(URI uri, Map<String, String> form, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/x-www-form-urlencoded");
        return send(request(uri, all).POST(HttpRequest.BodyPublishers.ofString(formBody(form))).build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        Loopback.requireLoopback(request.uri());
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), e);
        }
    }

    public static HttpRequest.Builder request(URI uri, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(Loopback.requireLoopback(uri)).timeout(TIMEOUT);
        headers.forEach(builder::header);
        return builder;
    }

    public static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
