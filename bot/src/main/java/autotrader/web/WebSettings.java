package autotrader.web;

import autotrader.config.AppConfig;

/** Where the desk listens and the token that guards it (null: none configured, so changes answer 401). */
public record WebSettings(String host, int port, String token) {

    public static WebSettings from(AppConfig.Web w) {
        return new WebSettings(w.host.trim(), w.port, w.token != null && w.token.isResolved() ? w.token.value() : null);
    }

    /** Only this machine can reach the desk: reads are open, changes still need the token. */
    public boolean loopback() {
        return AppConfig.Web.loopback(host);
    }

    @Override
    public String toString() {
        return "WebSettings[" + host + ":" + port + ", token " + (token == null ? "unset" : "****") + "]";
    }
}
