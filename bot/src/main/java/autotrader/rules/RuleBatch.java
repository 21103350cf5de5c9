package autotrader.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one evaluation sees: a batch of signals (evaluated together in one session, so ranking
 * and the shared buying power work across them) and the account, positions, stop-outs and market
 * clock at that moment. Signals get their batch index here.
 */
public record RuleBatch(List<Signal> signals, Account account, List<Position> positions, List<StopOut> stopOuts, MarketState market) {
    public RuleBatch {
        signals = List.copyOf(signals);
        positions = List.copyOf(positions);
        stopOuts = List.copyOf(stopOuts);
        for (int i = 0; i < signals.size(); i++) signals.get(i).setIndex(i);
        if (account == null) throw new IllegalArgumentException("a batch needs an account");
        if (market == null) throw new IllegalArgumentException("a batch needs the market state");
    }

    public static RuleBatch of(List<Signal> signals, Account account, MarketState market) {
        return new RuleBatch(signals, account, List.of(), List.of(), market);
    }

    public RuleBatch withPositions(List<Position> p) {
        return new RuleBatch(signals, account, p, stopOuts, market);
    }

    public RuleBatch withStopOuts(List<StopOut> s) {
        return new RuleBatch(signals, account, positions, s, market);
    }

    public RuleBatch withSignals(List<Signal> s) {
        return new RuleBatch(new ArrayList<>(s), account, positions, stopOuts, market);
    }
}
