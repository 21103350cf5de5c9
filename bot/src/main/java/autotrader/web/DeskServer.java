package autotrader.web;

import autotrader.charts.UPlot;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desk: the REST API under {@code /api} and the page (static files from the classpath's
 * {@code web/}, the uPlot WebJar under {@code /webjars/}) on one embedded Jetty through Javalin. Every error is JSON
 * {@code {"error": "...", "status": N}}; a stack trace never leaves the process (it goes to the log).
 */
public final class DeskServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeskServer.class);
    /** Set on a context once an error body is written, so the status-code fallback does not write a second one. */
    private static final String ANSWERED = "autotrader.error-written";

    private final Javalin app;
    private final WebSettings settings;

    private DeskServer(Javalin app, WebSettings settings) {
        this.app = app;
        this.settings = settings;
    }

    /** Starts listening; throws IllegalStateException naming the address when it cannot (port in use, unknown host). */
    public static DeskServer start(WebSettings settings, Desk desk) {
        DeskApi api = new DeskApi(desk, settings);
        DeskControls controls = new DeskControls(desk);
        BearerAuth auth = new BearerAuth(settings, desk.store());
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            // A desk for one trader: a few threads are plenty, and the daemon's cores are for the models.
            QueuedThreadPool pool = new QueuedThreadPool(12, 2);
            pool.setName("web");
            config.jetty.threadPool = pool;
            config.http.prefer405over404 = true;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            // The charting library from its WebJar on the classpath (UPlot.WEB_PATH): the page loads nothing from a CDN.
            config.staticFiles.enableWebjars();
            var r = config.routes;
            r.before("/api/*", ctx -> {
                ctx.header("Cache-Control", "no-store");
                auth.check(ctx);
            });
            r.get("/api/health", api::health);
            r.get("/api/signals", api::signals);
            r.get("/api/signals/{symbol}", api::signal);
            r.post("/api/cycle", api::cycle);
            r.post("/api/intents/{id}/approve", api::approve);
            r.post("/api/intents/{id}/reject", api::reject);
            r.get("/api/positions", api::positions);
            r.get("/api/orders", api::orders);
            r.get("/api/pnl", api::pnl);
            r.get("/api/equity", api::equity);
            r.get("/api/backtests/latest", api::latestBacktest);
            r.post("/api/pause", controls::pause);
            r.post("/api/resume", controls::resume);
            r.post("/api/flatten", controls::flatten);
            r.post("/api/close/{symbol}", controls::close);
            r.post("/api/reload", controls::reload);
            r.get("/api/trades", controls::trades);
            r.get("/api/profit", controls::profit);
            r.get("/api/performance", controls::performance);
            r.exception(ApiError.class, (e, ctx) -> write(ctx, e.status(), e.getMessage(), e.details()));
            r.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(), switch (e.getStatus()) {
                case 404 -> "nothing here: " + ctx.method() + " " + ctx.path();
                case 405 -> ctx.method() + " is not allowed on " + ctx.path();
                default -> e.getMessage();
            }, null));
            r.exception(Exception.class, (e, ctx) -> {
                log.error("web: {} {} failed", ctx.method(), ctx.path(), e);
                write(ctx, 500, "internal error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                        + " (details in the daemon's log)", null);
            });
            r.error(404, ctx -> fallback(ctx, "nothing here: " + ctx.method() + " " + ctx.path()));
            r.error(405, ctx -> fallback(ctx, ctx.method() + " is not allowed on " + ctx.path()));
        });
        try {
            app.start(settings.host(), settings.port());
        } catch (RuntimeException e) {
            app.stop();
            throw new IllegalStateException("the desk cannot listen on " + settings.host() + ":" + settings.port() + " ("
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + ")", e);
        }
        DeskServer server = new DeskServer(app, settings);
        log.info("desk at {} (changes from the web {})", server.url(),
                settings.token() == null ? "are refused: set " + BearerAuth.TOKEN_ENV + " to allow them" : "need the bearer token");
        return server;
    }

    public int port() {
        return app.port();
    }

    /** The page's address; an IPv6 host is bracketed. */
    public String url() {
        String h = settings.host().contains(":") && !settings.host().startsWith("[") ? "[" + settings.host() + "]" : settings.host();
        return "http://" + h + ":" + port() + "/";
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void write(Context ctx, int status, String message, ObjectNode details) {
        ObjectNode body = Json.object();
        body.put("error", message);
        body.put("status", status);
        if (details != null) body.set("outcome", details);
        ctx.attribute(ANSWERED, Boolean.TRUE);
        ctx.status(status).json(body);
    }

    /** Status codes Javalin sets itself (no route, wrong method) get the same JSON shape as ours. */
    private static void fallback(Context ctx, String message) {
        if (ctx.attribute(ANSWERED) != null) return;
        write(ctx, ctx.statusCode(), message, null);
    }
}
