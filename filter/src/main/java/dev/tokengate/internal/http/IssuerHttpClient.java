package dev.tokengate.internal.http;

import dev.tokengate.internal.json.StrictJson;
import dev.tokengate.internal.config.IssuerUrlPolicy;
import dev.tokengate.internal.config.TokengateConfig.HttpSettings;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Every call tokengate makes to an issuer goes through here: HTTPS only (plain HTTP to loopback, or with the explicit
 * opt-in), no redirects (a redirect could lead the key fetch anywhere), a connect timeout, an overall deadline for
 * the whole exchange, and a cap on the response size.
 *
 * <p>The JDK client behind it is built on the first call, not at deployment: an application whose keys are all
 * configured never opens a socket or starts a thread. Its TLS context trusts the JVM's trust store and presents no
 * certificate, so a server that points {@code javax.net.ssl.keyStore} at a store the application cannot open
 * (GlassFish sets it without a password) does not break it. {@link #close()} stops every thread it started, so an
 * undeployed application leaves nothing running that holds its class loader.
 */
public final class IssuerHttpClient implements AutoCloseable {

    /** What the issuer answered. The body is at most the configured size. */
    public record Response(int status, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpSettings settings;
    private final Object lock = new Object();
    private Connection connection;
    private boolean closed;

    /** The JDK client and the threads it runs on, made together on the first call. */
    private record Connection(HttpClient client, IssuerCallThreads threads) {
    }

    public IssuerHttpClient(HttpSettings settings) {
        this.settings = settings;
    }

    private Connection connection() throws IssuerUnavailableException {
        synchronized (lock) {
            if (closed) {
                throw new IssuerUnavailableException("the application is stopping");
            }
            if (connection == null) {
                SSLContext tls = TrustStoreTls.context();
                IssuerCallThreads threads = new IssuerCallThreads();
                HttpClient client = threads.callWithoutApplicationLoader(() -> HttpClient.newBuilder()
                        .connectTimeout(settings.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .sslContext(tls)
                        .executor(threads.executor())
                        .build());
                connection = new Connection(client, threads);
            }
            return connection;
        }
    }

    /**
     * Stops the client's threads; later calls fail as "issuer unavailable". On Java 21+ the JDK client is closed too;
     * on Java 17 it has no {@code close()}, and its selector thread, which never holds the application's class loader
     * (see {@link IssuerCallThreads}), ends once the client is unreachable.
     */
    @Override
    public void close() {
        Connection closing;
        synchronized (lock) {
            closed = true;
            closing = connection;
            connection = null;
        }
        if (closing == null) {
            return;
        }
        closing.threads().shutdown();
        if (closing.client() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // best effort: with its executor stopped, the client holds no thread of the application's
            }
        }
    }

    /** Whether tokengate may send a request to this URI at all. */
    public boolean permits(URI uri) {
        return IssuerUrlPolicy.permits(uri, settings.allowInsecureHttp());
    }

    /** A GET for a JSON document, without waiting. Fails with {@link IssuerUnavailableException} on any problem. */
    public CompletableFuture<Map<String, Object>> getJsonAsync(URI uri) {
        return sendAsync(HttpRequest.newBuilder(uri).GET().header("Accept", "application/json"))
                .thenApply(response -> {
                    if (response.status() != 200) {
                        throw new IssuerFailure(new IssuerUnavailableException(
                                "GET " + uri + " answered HTTP " + response.status()));
                    }
                    return StrictJson.object(response.body()).orElseThrow(() -> new IssuerFailure(
                            new IssuerUnavailableException("GET " + uri + " did not return a JSON object")));
                });
    }

    /** Sends a request and collects the bounded answer, whatever its status. */
    public CompletableFuture<Response> sendAsync(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(settings.readTimeout()).build();
        if (!permits(built.uri())) {
            return CompletableFuture.failedFuture(new IssuerUnavailableException(
                    "refusing to call " + built.uri().getScheme() + "://" + built.uri().getHost() + ": not https"));
        }
        Connection http;
        try {
            http = connection();
        } catch (IssuerUnavailableException stopped) {
            return CompletableFuture.failedFuture(stopped);
        }
        long deadline = settings.connectTimeout().plus(settings.readTimeout()).toMillis();
        return http.threads().withDeadline(
                        http.client().sendAsync(built, info -> new BoundedBody(settings.maxResponseBytes())), deadline)
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new IssuerFailure(new IssuerUnavailableException("call to " + built.uri() + " failed: "
                                + describe(failure)));
                    }
                    return new Response(response.statusCode(), response.body());
                });
    }

    /** Waits for an asynchronous call, unwrapping its failure into the checked exception callers handle. */
    public static <T> T await(CompletableFuture<T> future, long timeoutMillis) throws IssuerUnavailableException {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IssuerUnavailableException("interrupted while waiting for the issuer");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IssuerUnavailableException("the issuer did not answer in time");
        } catch (java.util.concurrent.ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    public static IssuerUnavailableException unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof java.util.concurrent.CompletionException || cause instanceof IssuerFailure) {
            if (cause instanceof IssuerFailure wrapped) {
                return wrapped.unavailable;
            }
            if (cause.getCause() == null) {
                break;
            }
            cause = cause.getCause();
        }
        if (cause instanceof IssuerUnavailableException unavailable) {
            return unavailable;
        }
        return new IssuerUnavailableException("the issuer call failed: " + describe(cause));
    }

    public long deadlineMillis() {
        return settings.connectTimeout().plus(settings.readTimeout()).toMillis();
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof IssuerFailure wrapped) {
            return wrapped.unavailable.getMessage();
        }
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return "timed out";
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** Carries an {@link IssuerUnavailableException} through a CompletableFuture pipeline. */
    public static final class IssuerFailure extends RuntimeException {
        final IssuerUnavailableException unavailable;

        IssuerFailure(IssuerUnavailableException unavailable) {
            super(unavailable.getMessage(), unavailable, false, false);
            this.unavailable = unavailable;
        }

        public IssuerFailure(String message) {
            this(new IssuerUnavailableException(message));
        }
    }

    /** Collects at most {@code limit} bytes; a longer body cancels the exchange. */
    private static final class BoundedBody implements BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new IssuerFailure(new IssuerUnavailableException(
                            "the response is larger than " + limit + " bytes")));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
