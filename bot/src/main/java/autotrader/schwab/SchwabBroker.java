package autotrader.schwab;

import autotrader.orders.Balances;
import autotrader.orders.Broker;
import autotrader.orders.BrokerOrder;
import autotrader.orders.BrokerPosition;
import autotrader.orders.OrderOutcomeUnknownException;
import autotrader.orders.OrderRejectedException;
import autotrader.orders.OrderRequest;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The broker port on Schwab's Trader API. Every account path takes the account's hash (from
 * accountNumbers), never the plain number. A placed order's id is the last segment of the Location
 * header; a 2xx without it returns an empty id and the order manager finds the order by listing.
 */
public final class SchwabBroker implements Broker {

    private static final Logger log = LoggerFactory.getLogger(SchwabBroker.class);
    public static final String ACCOUNT = "live";
    static final DateTimeFormatter LIST_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final SchwabHttp http;
    private final SchwabAuth auth;
    private final String accountNumber;
    private final Clock clock;
    private String hash;

    public SchwabBroker(SchwabHttp http, SchwabAuth auth, String accountNumber, Clock clock) {
        this.http = http;
        this.auth = auth;
        this.accountNumber = accountNumber == null ? "" : accountNumber.trim();
        this.clock = clock;
    }

    @Override
    public String account() {
        return ACCOUNT;
    }

    @Override
    public Optional<String> placementBlockedReason() {
        return auth.monitorOnlyReason().map(r -> "Schwab client is monitor-only: " + r);
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    synchronized String accountHash() {
        if (hash != null) return hash;
        JsonNode list = http.get("/trader/v1/accounts/accountNumbers");
        for (JsonNode a : list) {
            if (accountNumber.isEmpty() || accountNumber.equals(a.path("accountNumber").asText())) {
                hash = a.path("hashValue").asText(null);
                if (hash != null && !hash.isEmpty()) return hash;
            }
        }
        throw new SchwabException(accountNumber.isEmpty() ? "Schwab login sees no account"
                : "Schwab login does not see account ending " + last4(accountNumber) + " (schwab.account_number)");
    }

    private static String last4(String s) {
        return s.length() <= 4 ? s : "..." + s.substring(s.length() - 4);
    }

    @Override
    public PlaceResult place(OrderRequest request) {
        String body = SchwabOrderJson.toJson(request).toString();
        SchwabHttp.OrderAnswer a = http.orderCall("POST", "/trader/v1/accounts/" + accountHash() + "/orders", body);
        if (a.ok()) {
            String id = idFromLocation(a.location());
            if (id == null) log.warn("Schwab accepted order {} (HTTP {}) without a usable Location header: finding it by listing", request.clientOrderId(), a.status());
            return PlaceResult.of(id);
        }
        if (a.status() >= 500) throw new OrderOutcomeUnknownException("POST order: HTTP " + a.status() + " " + SchwabErrors.describe(a.body()), null);
        throw new OrderRejectedException("Schwab refused the order (HTTP " + a.status() + "): " + SchwabErrors.describe(a.body()));
    }

    static String idFromLocation(String location) {
        if (location == null) return null;
        String last = location.replaceAll("/+$", "");
        last = last.substring(last.lastIndexOf('/') + 1);
        return last.matches("\\d{1,19}") ? last : null;
    }

    @Override
    public Optional<BrokerOrder> order(String brokerOrderId) {
        try {
            return Optional.of(SchwabOrderJson.fromJson(http.get("/trader/v1/accounts/" + accountHash() + "/orders/" + brokerOrderId)));
        } catch (SchwabException e) {
            if (e.status() == 404) return Optional.empty();
            throw e;
        }
    }

    /** Schwab lists only within the last 60 days; both ends are mandatory. */
    @Override
    public List<BrokerOrder> orders(Instant from, Instant to) {
        Instant earliest = clock.instant().minus(Duration.ofDays(60)).plusSeconds(60);
        if (from.isBefore(earliest)) from = earliest;
        JsonNode arr = http.get("/trader/v1/accounts/" + accountHash() + "/orders?fromEnteredTime=" + LIST_TIME.format(from)
                + "&toEnteredTime=" + LIST_TIME.format(to));
        List<BrokerOrder> out = new ArrayList<>();
        for (JsonNode n : arr) out.add(SchwabOrderJson.fromJson(n));
        return out;
    }

    @Override
    public void cancel(String brokerOrderId) {
        SchwabHttp.OrderAnswer a;
        try {
            a = http.orderCall("DELETE", "/trader/v1/accounts/" + accountHash() + "/orders/" + brokerOrderId, null);
        } catch (OrderOutcomeUnknownException e) {
            throw new SchwabException("cancel of order " + brokerOrderId + " may not have arrived: " + e.getMessage(), 0, e);
        }
        if (!a.ok()) throw new SchwabException("cancel of order " + brokerOrderId + ": HTTP " + a.status() + " " + SchwabErrors.describe(a.body()), a.status(), null);
    }

    @Override
    public List<BrokerPosition> positions() {
        JsonNode acct = http.get("/trader/v1/accounts/" + accountHash() + "?fields=positions").path("securitiesAccount");
        List<BrokerPosition> out = new ArrayList<>();
        for (JsonNode p : acct.path("positions")) {   // a missing array means no holdings
            String symbol = p.path("instrument").path("symbol").asText(null);
            if (symbol == null) continue;
            BigDecimal qty = SchwabOrderJson.decimal(p, "longQuantity").subtract(p.has("shortQuantity") ? SchwabOrderJson.decimal(p, "shortQuantity") : BigDecimal.ZERO);
            out.add(new BrokerPosition(symbol, qty, p.has("averagePrice") ? SchwabOrderJson.decimal(p, "averagePrice") : null,
                    p.has("marketValue") ? SchwabOrderJson.decimal(p, "marketValue") : null));
        }
        return out;
    }

    @Override
    public Balances balances() {
        JsonNode cur = http.get("/trader/v1/accounts/" + accountHash()).path("securitiesAccount").path("currentBalances");
        BigDecimal cash = SchwabOrderJson.decimal(cur, "cashBalance");
        BigDecimal equity = cur.has("liquidationValue") ? SchwabOrderJson.decimal(cur, "liquidationValue") : SchwabOrderJson.decimal(cur, "equity");
        BigDecimal buyingPower = cur.has("buyingPower") ? SchwabOrderJson.decimal(cur, "buyingPower") : null;
        return new Balances(cash, equity, equity.subtract(cash), buyingPower);
    }
}
