package autotrader.risk;

import autotrader.market.Bar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes {@link RiskMetrics} for a candidate from bars of one timeframe, oldest first, against SPY and QQQ bars of
 * the same timeframe. Pure: the result depends only on the bars passed in (and {@code asOf}), never on the clock.
 * Thread-safe.
 *
 * <p>GARCH(1,1) with {@link #distribution()} errors drives forecast volatility, VaR, CVaR and the volatility regime.
 * When it cannot be fitted (under {@value GarchFitter#MIN_OBSERVATIONS} returns, flat prices, no convergence) those
 * fields fall back to sample estimates, {@code garchConverged} is false and a note says why.
 */
public final class RiskModel {

    private static final Logger log = LoggerFactory.getLogger(RiskModel.class);

    static final int FORECAST_STEPS = 5;
    /** Returns in the "recent" window of the fallback volatility regime. */
    static final int RECENT_WINDOW = 20;

    private final GarchFitter fitter;

    public RiskModel() {
        this(GarchDistribution.NORMAL);
    }

    public RiskModel(GarchDistribution distribution) {
        this.fitter = new GarchFitter(distribution, 5000, false); // features need no standard errors
    }

    public GarchDistribution distribution() {
        return fitter.distribution();
    }

    public RiskAssessment assess(List<Bar> candidate, List<Bar> spy, List<Bar> qqq) {
        return assess(candidate, spy, qqq, null, null);
    }

    /**
     * @param asOf       only bars that ended at or before this instant are used (null: all bars given)
     * @param previousFit the candidate's GARCH fit from the previous assessment on this timeframe, to warm-start the
     *                    optimiser (null: cold start); it only changes how fast the same maximum is found
     */
    public RiskAssessment assess(List<Bar> candidate, List<Bar> spy, List<Bar> qqq, Instant asOf, GarchFit previousFit) {
        List<String> notes = new ArrayList<>();
        AlignedReturns.Closes own = closes("candidate", candidate, asOf, notes);
        AlignedReturns.Closes spyCloses = closes("SPY", spy, asOf, notes);
        AlignedReturns.Closes qqqCloses = closes("QQQ", qqq, asOf, notes);
        double[] returns = AlignedReturns.logReturns(own);

        Volatility vol = volatility(returns, previousFit, notes);
        TailRisk.Estimate historical = TailRisk.historical(returns);
        if (returns.length < TailRisk.MIN_HISTORICAL) {
            notes.add("historical VaR/CVaR need " + TailRisk.MIN_HISTORICAL + " returns, have " + returns.length);
        }
        Dependence.Summary onSpy = dependence("SPY", own, spyCloses, true, notes);
        Dependence.Summary onQqq = dependence("QQQ", own, qqqCloses, false, notes); // no feature needs QQQ's copula

        RiskMetrics metrics = new RiskMetrics(vol.forecast, vol.tail.var(), vol.tail.cvar(), onSpy.beta(),
                onSpy.pearson(), onQqq.pearson(), onSpy.lowerTailDependence(), vol.regime);
        return new RiskAssessment(metrics, historical.var(), historical.cvar(), vol.fit != null, returns.length,
                onSpy, onQqq, List.copyOf(notes), vol.fit);
    }

    private record Volatility(double forecast, TailRisk.Estimate tail, double regime, GarchFit fit) {}

    private Volatility volatility(double[] returns, GarchFit previousFit, List<String> notes) {
        try {
            GarchFit fit = fitter.fit(returns, previousFit);
            double[] sigma = fit.forecastVolatility(FORECAST_STEPS);
            double forecast = 0;
            for (double s : sigma) forecast += s / FORECAST_STEPS;
            double mu = fit.parameters().mu();
            double next = sigma[0];
            TailRisk.Estimate tail = fit.distribution() == GarchDistribution.STUDENT_T
                    ? TailRisk.studentT(mu, next, fit.parameters().nu()) : TailRisk.normal(mu, next);
            double regime = forecast / Math.sqrt(fit.unconditionalVariance()); // 0 if persistence hit 1: infinite LR variance
            if (fit.parameters().persistence() > 0.999) notes.add("GARCH persistence " + fit.parameters().persistence() + " is near 1");
            return new Volatility(forecast, tail, regime, fit);
        } catch (GarchFitException e) {
            log.debug("GARCH fallback: {}", e.getMessage());
            notes.add("GARCH not used (" + e.reason() + ": " + e.getMessage() + "); volatility, VaR, CVaR and "
                    + "vol_regime are sample-based");
            return sampleVolatility(returns, notes);
        }
    }

    /** The fallback: sample mean and standard deviation, and recent over full-sample volatility as the regime. */
    private static Volatility sampleVolatility(double[] returns, List<String> notes) {
        int n = returns.length;
        if (n < 2) {
            notes.add("fewer than 2 returns: no volatility");
            return new Volatility(Double.NaN, TailRisk.Estimate.MISSING, Double.NaN, null);
        }
        double mean = Dependence.mean(returns);
        double sd = sd(returns, 0, n);
        if (!(sd > 0)) { // flat prices: a volatility of 0 is the truth, but a ratio of zeros is not
            return new Volatility(sd, TailRisk.normal(mean, sd), Double.NaN, null);
        }
        double regime = Double.NaN;
        if (n >= 2 * RECENT_WINDOW) regime = sd(returns, n - RECENT_WINDOW, n) / sd;
        else notes.add("vol_regime needs " + 2 * RECENT_WINDOW + " returns without GARCH, have " + n);
        return new Volatility(sd, TailRisk.normal(mean, sd), regime, null);
    }

    private static Dependence.Summary dependence(String name, AlignedReturns.Closes own, AlignedReturns.Closes benchmark,
                                                 boolean withTCopula, List<String> notes) {
        double[][] paired = AlignedReturns.pairedReturns(own, benchmark);
        Dependence.Summary s = Dependence.summarise(paired[0], paired[1], withTCopula);
        if (withTCopula && s.n() < Dependence.MIN_COPULA_PAIRS) {
            notes.add(name + ": " + s.n() + " aligned returns; " + (s.n() < 3 ? "no dependence measures"
                    : "no tail dependence (needs " + Dependence.MIN_COPULA_PAIRS + ")"));
        } else if (s.n() < 3) {
            notes.add(name + ": " + s.n() + " aligned returns; no dependence measures");
        } else if (Double.isNaN(s.pearson())) {
            notes.add(name + ": a series has no variance over the aligned bars; correlation undefined");
        }
        return s;
    }

    private static AlignedReturns.Closes closes(String name, List<Bar> bars, Instant asOf, List<String> notes) {
        AlignedReturns.Closes c = AlignedReturns.closes(bars == null ? List.of() : bars, asOf);
        if (c.dropped() > 0) notes.add(name + ": dropped " + c.dropped() + " invalid, duplicate or out-of-order bars");
        return c;
    }

    private static double sd(double[] x, int from, int to) {
        double m = 0;
        for (int i = from; i < to; i++) m += x[i];
        m /= to - from;
        double ss = 0;
        for (int i = from; i < to; i++) ss += (x[i] - m) * (x[i] - m);
        return Math.sqrt(ss / (to - from - 1));
    }
}
