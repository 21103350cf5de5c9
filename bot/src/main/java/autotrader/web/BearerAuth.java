package autotrader.web;

import autotrader.config.AppConfig;
import autotrader.store.Store;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may call the API. Calls that change anything (every method but GET/HEAD/OPTIONS) need
 * {@code Authorization: Bearer <web.token>}; so does every call when the desk listens beyond loopback.
 * Without a configured token those calls are refused, with a message saying how to set one. Each
 * refusal goes to the audit log. On loopback the Host header must name a loopback address too, so a
 * web page the trader visits cannot reach the API through a DNS name it re-points at 127.0.0.1.
 */
final class BearerAuth {

    static final String TOKEN_ENV = "AUTOTRADER_WEB_TOKEN";

    private final WebSettings settings;
    private final Store store;

    BearerAuth(WebSettings settings, Store store) {
        this.settings = settings;
        this.store = store;
    }

    /** The actor name approvals and the audit log record for a call from this client. */
    static String actor(Context ctx) {
        return "rest:" + ctx.ip();
    }

    void check(Context ctx) {
        if (settings.loopback() && !AppConfig.Web.loopback(ctx.req().getServerName())) {
            throw new ApiError(403, "the desk listens on " + settings.host() + " and answers only requests addressed to a loopback "
                    + "name (127.0.0.1, localhost), not to " + ctx.req().getServerName());
        }
        if (!needsToken(ctx.method())) return;
        if (settings.token() == null) {
            refuse(ctx, "no token configured", "this call needs the web token, and none is set: set the environment variable " + TOKEN_ENV
                    + " (config key web.token) and restart the daemon");
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) refuse(ctx, "no Authorization header", "this call needs the header Authorization: Bearer <web.token>");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) refuse(ctx, "not a bearer token", "the Authorization header must be 'Bearer <web.token>'");
        String presented = header.substring(7).trim();
        // Constant-time comparison: the time taken says nothing about how much of the token matched.
        if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), settings.token().getBytes(StandardCharsets.UTF_8))) {
            refuse(ctx, "wrong token", "the bearer token is not the configured web.token");
        }
    }

    private boolean needsToken(HandlerType method) {
        boolean reads = method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS;
        return !reads || !settings.loopback();
    }

    private void refuse(Context ctx, String why, String message) {
        // The presented token is never written anywhere, only that it did not match.
        store.audit(actor(ctx), "web.unauthorized", ctx.method() + " " + ctx.path() + ": " + why);
        ctx.header("WWW-Authenticate", "Bearer realm=\"autotrader\"");
        throw new ApiError(401, message);
    }
}
