package autotrader.orders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a local order in line with the broker's report of it: new fills recorded (moving the bot's
 * positions and cash), the state moved along the state machine, child legs created and followed.
 * A broker report the state machine refuses (e.g. FILLED back to WORKING) is alerted, not applied.
 */
public final class OrderSync {

    private static final Logger log = LoggerFactory.getLogger(OrderSync.class);
    private final OrderRepository repo;
    private final OrderAlerts alerts;

    public OrderSync(OrderRepository repo, OrderAlerts alerts) {
        this.repo = repo;
        this.alerts = alerts;
    }

    public StoredOrder apply(StoredOrder local, BrokerOrder remote) {
        boolean newFills = false;
        for (BrokerFill f : remote.fills()) {
            if (repo.recordFill(local, f)) {
                newFills = true;
                alerts.filled(local, f);
            }
        }
        StoredOrder o = repo.get(local.id());
        OrderState target = remote.state();
        if (target != o.state() || (target == OrderState.PARTIALLY_FILLED && newFills)) {
            if (o.state().canMoveTo(target)) {
                o = repo.transition(o.id(), target, "broker " + remote.brokerOrderId() + " reports " + remote.rawStatus()
                        + (remote.filledQuantity() > 0 ? ", filled " + remote.filledQuantity() + "/" + remote.quantity() : ""));
            } else {
                String msg = "order " + o.id() + " is " + o.state() + " locally but the broker reports " + remote.rawStatus() + "; left as it is";
                log.warn(msg);
                alerts.problem(msg);
            }
        }
        for (BrokerOrder leg : remote.legs()) {
            StoredOrder child = repo.byBrokerId(o.account(), leg.brokerOrderId()).orElseGet(() -> repo.insertChild(local, leg));
            apply(child, leg);
        }
        return repo.get(o.id());
    }
}
