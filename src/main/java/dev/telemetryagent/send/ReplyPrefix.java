package dev.telemetryagent.send;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Keeps the first bytes of a reply's body and discards the rest, so a collector's answer (the {@code json}
 * format's {@code {"accepted", "duplicates", "rejected"}}) can be read while a hostile or broken endpoint
 * cannot make the sender hold more than {@link #LIMIT} bytes.
 */
final class ReplyPrefix implements HttpResponse.BodySubscriber<byte[]> {
    /** The bytes kept. */
    static final int LIMIT = 4096;

    /** A fresh subscriber per reply (an anonymous class: the agent's classes use no invokedynamic). */
    static final HttpResponse.BodyHandler<byte[]> HANDLER = new HttpResponse.BodyHandler<byte[]>() {
        @Override
        public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
            return new ReplyPrefix();
        }
    };

    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final byte[] kept = new byte[LIMIT];
    private int length;

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer b : buffers) {
            int n = Math.min(b.remaining(), LIMIT - length);
            b.get(kept, length, n);
            length += n;
        }
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        byte[] out = new byte[length];
        System.arraycopy(kept, 0, out, 0, length);
        body.complete(out);
    }
}
