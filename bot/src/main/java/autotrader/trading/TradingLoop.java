package autotrader.trading;

import autotrader.approvals.ApprovalService;
import autotrader.approvals.Exposure;
import autotrader.approvals.IntentRepository;
import autotrader.approvals.TimeExits;
import autotrader.ensemble.Decision;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.orders.Balances;
import autotrader.orders.OrderManager;
import autotrader.orders.StoredOrder;
import autotrader.pipeline.CycleDecision;
import autotrader.pipeline.CycleResult;
import autotrader.pipeline.CycleRunner;
import autotrader.pipeline.DecisionWriter;
import autotrader.rules.Account;
import autotrader.rules.Evaluation;
import autotrader.rules.ModelSkill;
import autotrader.rules.TradingGate;
import autotrader.rules.Position;
import autotrader.rules.RuleBatch;
import autotrader.rules.RuleEngine;
import autotrader.rules.Signal;
import autotrader.rules.StopOut;
import autotrader.rules.TradeIntent;
import autotrader.rules.TradingTime;
import autotrader.store.Store;
import autotrader.progress.Progress;
import autotrader.retrain.LiveModels;
import autotrader.rules.DecisionReader;
import autotrader.rules.InputFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the daemon does every cycle: the pipeline's decisions (stored), then the trader's rules over
 * them with the account as it stands, then every trade intent to the approval service (Telegram,
 * shell, or paper auto-approve). The same objects a backtest would drive.
 */
public final class TradingLoop {

    private static final Logger log = LoggerFactory.getLogger(TradingLoop.class);

    private final CycleRunner runner;
    private final RuleEngine rules;
    private final ApprovalService approvals;
    private final OrderManager orders;
    private final Store store;
    private final MarketData market;
    private final MarketCalendar calendar;
    private final String modelVersions;
    /** Closes positions whose trade reached its holding limit (the model's trade), on each monitor tick. */
    private final TimeExits timeExits;
    /** When set, each cycle takes the newest model set from it (a retrain swaps models between cycles). */
    private volatile LiveModels live;
    /** The deciding model's out-of-sample record, a fact of every evaluation; read from its card once per model load. */
    private volatile ModelSkill skill;
    /** Where the card is read again when the followed models change (null: the skill given stays). */
    private Path skillDir;
    private String skillName;
    /** The model set whose card {@link #skill} came from. */
    private String skillSignature;
    /** What the rules said about entries at the latest evaluation (or probe). */
    private volatile TradingGate gate;

    TradingLoop(CycleRunner runner, RuleEngine rules, ApprovalService approvals, OrderManager orders, Store store, MarketData market,
                MarketCalendar calendar, String modelVersions) {
        this.runner = runner;
        this.rules = rules;
        this.approvals = approvals;
        this.orders = orders;
        this.store = store;
        this.market = market;
        this.calendar = calendar;
        this.modelVersions = modelVersions;
        this.timeExits = new TimeExits(new IntentRepository(store.jdbi()), orders, calendar);
        // Unknown until a caller says: the default rules then refuse every BUY, the safe side of a forgotten wiring.
        this.skill = ModelSkill.unread(modelVersions);
    }

    /**
     * The model's out-of-sample skill from the card in {@code modelDir} (named {@code name} in reasons, e.g.
     * "models/ensemble"): read now, and again only when the followed models change (a retrain), never per cycle.
     */
    public TradingLoop readsSkillFrom(Path modelDir, String name) {
        synchronized (this) {
            this.skillDir = modelDir;
            this.skillName = name;
            LiveModels l = live;
            this.skillSignature = l == null ? null : l.current().signature();
            this.skill = ModelSkill.read(modelDir, name);
        }
        log.info("model {}: {}", name, skill.isKnown() ? "out-of-sample IC t " + skill.getIcTText() + " (" + skill.getEvidence() + ")"
                : "no out-of-sample skill record (" + skill.getEvidence() + ")");
        return this;
    }

    /** A fixed skill fact for every cycle (a backtest's model, a test's). */
    public TradingLoop withModelSkill(ModelSkill s) {
        synchronized (this) {
            this.skillDir = null;
            this.skill = s;
        }
        return this;
    }

    /** The skill fact the next evaluation gets. */
    public ModelSkill modelSkill() {
        return skill;
    }

    /**
     * Whether the rules in force let BUYs of the current model through, and why not: from the latest
     * evaluation, or asked of the rules with no signal when the rules or the model changed since.
     */
    public TradingGate tradingGate() {
        ModelSkill s = skill;
        TradingGate g = gate;
        if (g != null && g.model() == s && g.rulesVersion().equals(rules.version().label())) return g;
        g = TradingGate.probe(rules, s, Instant.now(), calendar);
        gate = g;
        return g;
    }

    /** The skill of the model set {@code m}: the card is read again only when the set changed since it was last read. */
    private synchronized ModelSkill skillOf(LiveModels.Models m) {
        if (skillDir != null && m != null && !m.signature().equals(skillSignature)) {
            skillSignature = m.signature();
            skill = ModelSkill.read(skillDir, skillName);
            log.info("models changed: {} now has {}", skillName, skill.isKnown() ? "out-of-sample IC t " + skill.getIcTText()
                    : "no out-of-sample skill record");
        }
        return skill;
    }

    /**
     * Takes the models from {@code live} from the next cycle on, instead of the runner given to the
     * constructor: a retrained set then takes over between cycles without a restart.
     */
    public TradingLoop followModels(LiveModels live) {
        this.live = live;
        return this;
    }

    /** One cycle at market time {@code asOf}; returns the rules' evaluation (empty when there was nothing to decide). */
    public Evaluation cycle(Instant asOf) {
        // One model set for the whole cycle: taken once here, so a swap on disk cannot change it half way.
        LiveModels l = live;
        LiveModels.Models m = l == null ? null : l.current();
        CycleRunner runner = m == null ? this.runner : m.runner();
        String modelVersions = m == null ? this.modelVersions : m.versions();
        ModelSkill skill = skillOf(m);
        CycleResult r = runner.run(asOf);
        store.scans().save(r.scan());
        store.decisions().saveAll(r.decisions(), market.name(), market.simulated(), modelVersions);
        if (r.decisions().isEmpty()) {
            log.info("cycle {}: no decisions ({} skipped)", MarketCalendar.wallTime(asOf), r.skipped().size());
            return null;
        }
        // Through the decision JSON on purpose: one mapping to rule facts, the same one `rules explain` uses.
        // One decision at a time, so a decision the rules cannot read costs that candidate, never the cycle.
        List<Signal> signals = new ArrayList<>();
        for (CycleDecision d : r.decisions()) {
            try {
                signals.addAll(DecisionReader.parse("cycle " + asOf + " " + d.symbol(), DecisionWriter.of(d).toString()));
            } catch (InputFormatException e) {
                log.warn("cycle {}: {} left out of the rules: {}", MarketCalendar.wallTime(asOf), d.symbol(), e.getMessage());
            }
        }
        // Positions, open entry orders and pending intents together: an entry not yet filled holds its symbol and its slot.
        Exposure exposure = approvals.exposure(asOf, -1);
        RuleBatch batch = RuleBatch.of(signals, account(asOf, exposure), TradingTime.marketState(asOf, calendar))
                .withPositions(positions(exposure)).withStopOuts(stopOuts(asOf)).withModelSkill(skill);
        Evaluation ev = rules.evaluate(batch);
        gate = TradingGate.of(ev, skill);
        int refused = 0;
        for (TradeIntent t : ev.intents()) {
            double price = r.decisions().stream().filter(d -> d.symbol().equals(t.symbol())).findFirst().map(CycleDecision::price)
                    .orElse(t.entryPrice());
            if (approvals.propose(t, price).refused().isPresent()) refused++;
        }
        long buys = r.decisions().stream().filter(d -> d.decision() == Decision.BUY).count();
        log.info("cycle {}: {} decisions ({} BUY) in {} ms; rules {}: {} intents, {} rejected{}{}", MarketCalendar.wallTime(asOf), r.decisions().size(),
                buys, Math.round(r.totalMs()), ev.version().label(), ev.intents().size(), ev.rejections().size(),
                refused == 0 ? "" : "; " + refused + " refused by the exposure limits",
                ev.entryBlocks().isEmpty() ? "" : "; no BUY can trade: " + ev.entryBlocks().get(0));
        return ev;
    }

    /**
     * One dry cycle, nothing stored or traded: loads the models' native code, fills the caches and
     * warms the JIT before the first real cycle, which otherwise takes several times longer (8 s
     * instead of under 1 s on 2 cores) just when the session opens.
     */
    public void warmUp(Instant asOf) {
        warmUp(asOf, Progress.NONE);
    }

    /** As {@link #warmUp(Instant)}, the dry cycle's stages counted on {@code bars} (a first run is otherwise silent for a minute). */
    public void warmUp(Instant asOf, Progress bars) {
        long t0 = System.nanoTime();
        try (Progress.Task bar = bars.start("warm-up", 0, "steps")) {
            runner.run(asOf, bar);
        } catch (RuntimeException e) {
            log.warn("warm-up cycle failed (the first real cycle will be slower): {}", e.toString());
            return;
        }
        // After the bar has closed, so the line does not land in the middle of it.
        log.info("warmed up with a dry cycle as of {} in {} ms (nothing stored or traded)", MarketCalendar.wallTime(asOf),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Reads every open order back from the broker (fills, stop-loss and take-profit hits), settles
     * orders whose POST had no clear answer, finishes any approval an error interrupted between the
     * decision and its order, and corrects what the trader was told about approved orders.
     */
    public void monitor() {
        approvals.resumeInterrupted();
        // Orders whose POST got no clear answer: listed now, sent once more or FAILED, so the trader knows within a minute.
        orders.settleUnknown();
        for (StoredOrder o : orders.repository().sentNeedingSync(orders.account())) {
            try {
                orders.refresh(o.id());
                for (StoredOrder child : orders.repository().children(o.id())) {
                    if (child.brokerOrderId() != null) orders.refresh(child.id());
                }
            } catch (RuntimeException e) {
                log.warn("monitor: order {} not refreshed: {}", o.id(), e.getMessage());
            }
        }
        // Trades with a holding limit leave at market once it is reached, after the fills above are known.
        timeExits.run(orders.clock().instant());
        // What the trader was told at approval ("sent, not confirmed") corrected to what became of the order.
        approvals.followOrders();
    }

    private Account account(Instant asOf, Exposure exposure) {
        Balances b = orders.broker().balances();
        Instant dayStart = calendar.dateAt(asOf).atStartOfDay(MarketCalendar.NEW_YORK).toInstant();
        BigDecimal startEquity = orders.repository().equitySince(orders.account(), dayStart).orElse(null);
        double equity = b.equity().doubleValue();
        double dayPnl = startEquity == null ? 0 : equity - startEquity.doubleValue();
        return new Account(equity, b.cash().doubleValue(), b.buyingPower().doubleValue(),
                exposure.slotsTaken(), dayPnl);
    }

    private static List<Position> positions(Exposure exposure) {
        List<Position> out = new ArrayList<>();
        for (var h : exposure.holdings()) out.add(new Position(h.symbol(), (int) h.quantity(), h.price(), Double.NaN, h.pending()));
        return out;
    }

    /** Stop-loss fills of the last few sessions, for the cool-down rule. */
    private List<StopOut> stopOuts(Instant asOf) {
        Instant since = asOf.minus(Duration.ofDays(7));
        return orders.repository().latestStopFills(orders.account(), since, asOf).stream()
                .map(f -> TradingTime.stopOut(f.symbol(), f.at(), asOf, calendar)).toList();
    }
}
