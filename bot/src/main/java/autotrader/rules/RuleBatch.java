package autotrader.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one evaluation sees: a batch of signals (evaluated together in one session, so ranking
 * and the shared buying power work across them) and the account, positions, stop-outs, market
 * clock and the deciding model's out-of-sample skill at that moment. Signals get their batch index
 * here. A batch without a model skill ({@code modelSkill} null) has all its BUYs refused by the
 * default rules: nobody said which model decided, so nobody vouched for it.
 */
public record RuleBatch(List<Signal> signals, Account account, List<Position> positions, List<StopOut> stopOuts, MarketState market,
                        ModelSkill modelSkill) {
    public RuleBatch {
        signals = List.copyOf(signals);
        positions = List.copyOf(positions);
        stopOuts = List.copyOf(stopOuts);
        for (int i = 0; i < signals.size(); i++) signals.get(i).setIndex(i);
        if (account == null) throw new IllegalArgumentException("a batch needs an account");
        if (market == null) throw new IllegalArgumentException("a batch needs the market state");
    }

    /** A batch that does not say which model decided. */
    public RuleBatch(List<Signal> signals, Account account, List<Position> positions, List<StopOut> stopOuts, MarketState market) {
        this(signals, account, positions, stopOuts, market, null);
    }

    public static RuleBatch of(List<Signal> signals, Account account, MarketState market) {
        return new RuleBatch(signals, account, List.of(), List.of(), market, null);
    }

    public RuleBatch withPositions(List<Position> p) {
        return new RuleBatch(signals, account, p, stopOuts, market, modelSkill);
    }

    public RuleBatch withStopOuts(List<StopOut> s) {
        return new RuleBatch(signals, account, positions, s, market, modelSkill);
    }

    public RuleBatch withSignals(List<Signal> s) {
        return new RuleBatch(new ArrayList<>(s), account, positions, stopOuts, market, modelSkill);
    }

    public RuleBatch withModelSkill(ModelSkill m) {
        return new RuleBatch(signals, account, positions, stopOuts, market, m);
    }
}
