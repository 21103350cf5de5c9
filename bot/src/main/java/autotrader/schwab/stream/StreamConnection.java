package autotrader.schwab.stream;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * One websocket to the streamer. It only moves text: every event goes to {@link Events} with this
 * connection, so the supervisor can ignore the late events of a connection it already gave up.
 */
final class StreamConnection extends WebSocketListener {

    interface Events {
        void opened(StreamConnection c);

        void text(StreamConnection c, String frame);

        /** Closed by either side or failed; called at most once per connection. */
        void ended(StreamConnection c, String why);
    }

    private final Events events;
    private final WebSocket socket;
    private volatile boolean ended;
    private boolean endReported;
    private final CountDownLatch endLatch = new CountDownLatch(1);

    StreamConnection(OkHttpClient client, String url, Events events) {
        this.events = events;
        this.socket = client.newWebSocket(new Request.Builder().url(url).build(), this);
    }

    boolean send(String json) {
        return !ended && socket.send(json);
    }

    /**
     * Closes politely (what was sent before, a LOGOUT say, still goes out) and waits up to {@code wait}
     * for the server to close its side; then drops the socket whatever happened.
     */
    void closeAfterSending(String why, Duration wait) {
        socket.close(1000, why);
        try {
            endLatch.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ended = true;
        socket.cancel();
    }

    /** Closes politely and drops the socket at once, so a dead peer cannot hold it open. */
    void close(String why) {
        ended = true;
        socket.close(1000, why.length() > 100 ? why.substring(0, 100) : why);
        socket.cancel();
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        events.opened(this);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        events.text(this, text);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        webSocket.close(1000, null);
        end("server closed the socket (" + code + (reason.isBlank() ? "" : " " + reason) + ")");
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        end("socket closed (" + code + ")");
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        end("socket failed: " + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage())
                + (response == null ? "" : " (HTTP " + response.code() + ")"));
    }

    private synchronized void end(String why) {
        ended = true;
        endLatch.countDown();
        if (endReported) return;
        endReported = true;
        events.ended(this, why);
    }
}
