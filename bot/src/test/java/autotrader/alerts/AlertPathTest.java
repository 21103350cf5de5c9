package autotrader.alerts;

import autotrader.orders.OrderAlerts;
import autotrader.approvals.ManualTime;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The daemon's alert path: Notifier.logged logs every alert, and only what goes on to the trader is grouped. */
class AlertPathTest {

    final Logger alertLog = (Logger) LoggerFactory.getLogger("autotrader.alerts");
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    final List<String> toTrader = Collections.synchronizedList(new ArrayList<>());
    final ManualTime time = new ManualTime();
    final GroupedNotifier grouped = new GroupedNotifier((kind, text) -> toTrader.add(kind + " " + text), Duration.ofSeconds(60), time, time);

    @BeforeEach
    void capture() {
        logged.start();
        alertLog.addAppender(logged);
    }

    @AfterEach
    void release() {
        alertLog.detachAppender(logged);
    }

    @Test
    void everyWarningReachesTheLogWhileTheTraderGetsTheFirstAndOneCount() {
        Notifier alerts = Notifier.logged(grouped);   // as RunCommand builds it
        OrderAlerts orders = new OrderAlerts(alerts);
        for (int i = 0; i < 13; i++) orders.problem("reconciliation: read order " + (200 + i) + ": HTTP 503");
        alerts.alert(AlertKind.TOKEN_EXPIRY, "Schwab login needed: the token endpoint refused the refresh token.");

        assertEquals(13, logged.list.stream().filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains("read order")).count(),
                "the log is not grouped");
        assertEquals(1, logged.list.stream().filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains("login needed")).count());
        assertEquals(List.of("ORDER_PROBLEM reconciliation: read order 200: HTTP 503",
                "TOKEN_EXPIRY Schwab login needed: the token endpoint refused the refresh token."), toTrader);

        time.advance(Duration.ofSeconds(60));
        assertEquals(3, toTrader.size(), toTrader.toString());
        assertEquals("ORDER_PROBLEM (12 more like this in the last 60 s) reconciliation: read order 212: HTTP 503", toTrader.get(2));
        assertEquals(14, logged.list.size(), "nothing logged twice either");
        assertTrue(toTrader.stream().noneMatch(t -> t.startsWith(AlertKind.FILL.name())));
    }
}
