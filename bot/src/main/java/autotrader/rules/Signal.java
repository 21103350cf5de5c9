package autotrader.rules;

/**
 * One ensemble decision, flattened so a rule can match on any output or risk metric directly,
 * e.g. {@code Signal(decision == "BUY", confidence >= 0.7)}. Rules read it; they never change it.
 * Missing numbers are NaN, so a comparison with them is false (a rule on a missing metric does not fire).
 */
public class Signal {
    private int index;
    private String symbol;
    private String decision;
    private double confidence = Double.NaN;
    private double expectedReturn = Double.NaN;
    private int riskScore;
    private String timeHorizon = "";
    private int horizonBars = 1;
    private int modelsAgree;
    private double price = Double.NaN;
    private double forecastVolatility = Double.NaN;
    private double var95 = Double.NaN;
    private double cvar95 = Double.NaN;
    private double beta = Double.NaN;
    private double correlationSpy = Double.NaN;
    private double correlationQqq = Double.NaN;
    private double tailDependence = Double.NaN;
    private String volRegime = "";
    private String tradeTimeframe = "";
    private double tradeStopPct = Double.NaN;
    private double tradeTargetPct = Double.NaN;
    private int tradeHoldBars;

    public Signal() {
    }

    /** The minimum a test or bench needs; the other fields keep their "missing" defaults. */
    public Signal(String symbol, String decision, double confidence, int riskScore, double price) {
        this.symbol = symbol;
        this.decision = decision;
        this.confidence = confidence;
        this.riskScore = riskScore;
        this.price = price;
    }

    /** Position in the batch (0-based); breaks confidence ties so ranking is deterministic. */
    public int getIndex() { return index; }
    public void setIndex(int index) { this.index = index; }
    public String getSymbol() { return symbol; }
    public void setSymbol(String symbol) { this.symbol = symbol; }
    /** BUY, SELL or HOLD. */
    public String getDecision() { return decision; }
    public void setDecision(String decision) { this.decision = decision; }
    /** Calibrated probability 0..1. */
    public double getConfidence() { return confidence; }
    public void setConfidence(double confidence) { this.confidence = confidence; }
    /** Expected return over the horizon, in percent (1.5 = +1.5 %). */
    public double getExpectedReturn() { return expectedReturn; }
    public void setExpectedReturn(double expectedReturn) { this.expectedReturn = expectedReturn; }
    /** 1 (calm) .. 10 (wild). */
    public int getRiskScore() { return riskScore; }
    public void setRiskScore(int riskScore) { this.riskScore = riskScore; }
    /** Timeframe label of the horizon, e.g. "1h". */
    public String getTimeHorizon() { return timeHorizon; }
    public void setTimeHorizon(String timeHorizon) { this.timeHorizon = timeHorizon; }
    /**
     * Bars of the volatility forecast's timeframe in the horizon. The ensemble gives
     * forecast_volatility per bar of the horizon's own timeframe, so this is 1 unless the input says
     * otherwise (optional field horizon_bars).
     */
    public int getHorizonBars() { return horizonBars; }
    public void setHorizonBars(int horizonBars) { this.horizonBars = horizonBars; }
    /** How many of the five models agree with the decision (0-5). */
    public int getModelsAgree() { return modelsAgree; }
    public void setModelsAgree(int modelsAgree) { this.modelsAgree = modelsAgree; }
    /** Last price, in dollars. */
    public double getPrice() { return price; }
    public void setPrice(double price) { this.price = price; }
    /** GARCH forecast volatility per bar of the horizon timeframe, as a fraction (0.01 = 1 %). */
    public double getForecastVolatility() { return forecastVolatility; }
    public void setForecastVolatility(double forecastVolatility) { this.forecastVolatility = forecastVolatility; }
    /** Volatility over the whole horizon: forecastVolatility * sqrt(horizonBars), a fraction. */
    public double getHorizonVolatility() { return forecastVolatility * Math.sqrt(Math.max(1, horizonBars)); }
    /** 95 % value at risk over the horizon, a fraction (positive = loss). */
    public double getVar95() { return var95; }
    public void setVar95(double var95) { this.var95 = var95; }
    public double getCvar95() { return cvar95; }
    public void setCvar95(double cvar95) { this.cvar95 = cvar95; }
    public double getBeta() { return beta; }
    public void setBeta(double beta) { this.beta = beta; }
    public double getCorrelationSpy() { return correlationSpy; }
    public void setCorrelationSpy(double correlationSpy) { this.correlationSpy = correlationSpy; }
    public double getCorrelationQqq() { return correlationQqq; }
    public void setCorrelationQqq(double correlationQqq) { this.correlationQqq = correlationQqq; }
    /** Lower-tail dependence with the market, 0..1. */
    public double getTailDependence() { return tailDependence; }
    public void setTailDependence(double tailDependence) { this.tailDependence = tailDependence; }
    /** Volatility regime label as the risk stage writes it (e.g. "low", "normal", "high"). */
    public String getVolRegime() { return volRegime; }
    public void setVolRegime(String volRegime) { this.volRegime = volRegime; }

    /**
     * The trade the model scored (decision JSON "trade"): stop and target as fractions of the entry,
     * closed at market after tradeHoldBars bars of tradeTimeframe. Missing (NaN, 0, "") when the
     * decision carries none; stops.drl then falls back to its volatility stop.
     */
    public String getTradeTimeframe() { return tradeTimeframe; }
    public void setTradeTimeframe(String tradeTimeframe) { this.tradeTimeframe = tradeTimeframe; }
    public double getTradeStopPct() { return tradeStopPct; }
    public void setTradeStopPct(double tradeStopPct) { this.tradeStopPct = tradeStopPct; }
    public double getTradeTargetPct() { return tradeTargetPct; }
    public void setTradeTargetPct(double tradeTargetPct) { this.tradeTargetPct = tradeTargetPct; }
    public int getTradeHoldBars() { return tradeHoldBars; }
    public void setTradeHoldBars(int tradeHoldBars) { this.tradeHoldBars = tradeHoldBars; }
    /** True when the decision carries a complete model trade. */
    public boolean isModelTrade() { return tradeStopPct > 0 && tradeTargetPct > 0 && tradeHoldBars > 0 && !tradeTimeframe.isEmpty(); }

    @Override
    public String toString() {
        return "Signal[" + symbol + " " + decision + " conf=" + confidence + " risk=" + riskScore + " #" + index + "]";
    }
}
