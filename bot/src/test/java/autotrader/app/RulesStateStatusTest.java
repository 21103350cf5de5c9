package autotrader.app;

import autotrader.alerts.Notifier;
import autotrader.approvals.ApprovalService;
import autotrader.approvals.LastPrice;
import autotrader.config.AppConfig;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.market.sim.SimMarket;
import autotrader.market.sim.SimSettings;
import autotrader.orders.OrderManager;
import autotrader.orders.paper.PaperBroker;
import autotrader.orders.paper.PaperFillModel;
import autotrader.rules.RuleEngine;
import autotrader.store.RulesStateRepository;
import autotrader.store.Store;
import autotrader.testing.MutableClock;
import autotrader.trading.TradingSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The rules state as the daemon persists it (RuleEngine.onState -> control_flags) and as `status`
 * (another process: it reads only SQLite) and Telegram's /status and /reload show it: a refused edit
 * is REFUSED with file:line until a good edit lands, or until the files are the running rules again.
 */
class RulesStateStatusTest {

    @TempDir
    Path dir;

    @Test
    void aRefusedEditShowsInStatusUntilAGoodEditLands() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Path committed = Files.isDirectory(Path.of("..", "rules")) ? Path.of("..", "rules") : Path.of("rules");
        try (Stream<Path> files = Files.list(committed)) {
            for (Path f : files.toList()) Files.copy(f, rules.resolve(f.getFileName()));
        }
        Store store = Store.open(dir.resolve("state.db"), 5000);
        RulesStateRepository states = new RulesStateRepository(store.jdbi());
        assertTrue(SystemStatus.rules(rules, states.load()).endsWith("(" + rules + ")"), "no daemon yet: the files' hash");

        MutableClock clock = new MutableClock(Instant.parse("2024-06-12T16:00:00Z"));
        SimMarket market = new SimMarket(new SimSettings(3, 20, null));
        TradingSystem system = TradingSystem.build(new TradingSystem.Ports(store, market, MarketCalendar.nyse(), clock,
                new PaperBroker(store.jdbi(), market, clock::instant, new PaperFillModel(0, 0, 0), BigDecimal.valueOf(100_000), Timeframe.M1), Notifier.log()),
                new AppConfig().risk, new ApprovalService.Settings(Duration.ofMinutes(5), 0.01, false), LastPrice.from(market));
        OrderManager orders = system.orders();
        ApprovalService approvals = system.approvals();
        try (RuleEngine engine = RuleEngine.load(rules, new AppConfig().risk, Notifier.NONE)) {
            engine.onState(states::save);     // as `run` wires it
            TraderDesk desk = new TraderDesk("paper", store, orders, approvals, LastPrice.from(market), clock, () -> engine);
            String good = engine.version().label();
            assertTrue(SystemStatus.rules(rules, states.load()).startsWith(good + " in force"), SystemStatus.rules(rules, states.load()));

            Path filter = rules.resolve("filter.drl");
            String original = Files.readString(filter);
            String broken = original.replace("Signal( decision != \"BUY\" )", "Signal( decision != \"BUY\" ");
            assertNotEquals(original, broken);
            Files.writeString(filter, broken);
            String answer = desk.reloadRules("telegram:1");
            assertTrue(answer.startsWith("Rules REFUSED, still running " + good), answer);

            String status = SystemStatus.rules(rules, states.load());
            assertTrue(status.matches("REFUSED: .*filter\\.drl:\\d+: .*still running " + good + "\\)"), status);
            assertTrue(desk.status().contains("Rules: REFUSED: "), desk.status());

            // Undoing the edit clears it too: the files are the running rules again.
            Files.writeString(filter, original);
            assertTrue(desk.reloadRules("telegram:1").startsWith("Rules unchanged"));
            assertFalse(states.load().orElseThrow().isRefused());

            Files.writeString(filter, broken);
            engine.reload();
            assertTrue(states.load().orElseThrow().isRefused());
            Files.writeString(filter, original + "\n// a good edit\n");
            assertTrue(desk.reloadRules("telegram:1").startsWith("Rules reloaded: now running " + engine.version().label()));
            status = SystemStatus.rules(rules, states.load());
            assertTrue(status.startsWith(engine.version().label() + " in force"), status);
            assertFalse(status.contains("REFUSED"));
            assertTrue(desk.status().contains("Rules: " + engine.version().label()), desk.status());
        }
    }
}
