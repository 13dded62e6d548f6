package io.lagzero.control.status;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One GET that gives up within {@link #LIMIT}, and says why in one line naming the address: nothing
 * listening, no answer, an HTTP error. The caller adds the fix.
 */
final class HttpGet {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(3);
    /** The longest a GET may take, whatever the network does. */
    static final Duration LIMIT = CONNECT_TIMEOUT.plus(ANSWER_TIMEOUT);

    /** Why a GET gave no usable answer: one line, naming the address, without a fix. */
    static final class Failed extends Exception {
        Failed(String message) {
            super(message, null, false, false);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpGet() {
    }

    /** The body of a 200 answer. */
    static String body(URI url) throws Failed, InterruptedException {
        CompletableFuture<HttpResponse<String>> answer = HTTP.sendAsync(
                HttpRequest.newBuilder(url).timeout(ANSWER_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response;
        try {
            response = answer.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new Failed(url + " did not answer within " + LIMIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw new Failed(why(url, e.getCause()));
        }
        if (response.statusCode() != 200) {
            throw new Failed(url + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static String why(URI url, Throwable failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return "nothing answers at " + origin(url) + " (no connection within " + CONNECT_TIMEOUT.toSeconds() + " s)";
        }
        if (failure instanceof HttpTimeoutException) {
            return url + " did not answer within " + ANSWER_TIMEOUT.toSeconds() + " s";
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "cannot find the host " + url.getHost() + " of " + origin(url) + " (unknown host)";
            }
        }
        if (failure instanceof ConnectException) {
            return "nothing answers at " + origin(url) + " (connection refused)";
        }
        String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return "cannot read " + url + " (" + detail.lines().findFirst().orElse("") + ")";
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority();
    }
}
