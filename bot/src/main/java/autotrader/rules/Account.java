package autotrader.rules;

/** The account as the rules see it at the start of a batch. Money in dollars. */
public class Account {
    private final double equity;
    private final double cash;
    private final double buyingPower;
    private final int openPositions;
    private final double dayPnl;

    public Account(double equity, double cash, double buyingPower, int openPositions, double dayPnl) {
        this.equity = equity;
        this.cash = cash;
        this.buyingPower = buyingPower;
        this.openPositions = openPositions;
        this.dayPnl = dayPnl;
    }

    /** A fresh paper account: all cash, nothing open, flat today. */
    public static Account paper(double startingCash) {
        return new Account(startingCash, startingCash, startingCash, 0, 0);
    }

    public double getEquity() { return equity; }
    public double getCash() { return cash; }
    public double getBuyingPower() { return buyingPower; }
    public int getOpenPositions() { return openPositions; }
    /** Today's P&L in dollars (realised + unrealised), negative for a loss. */
    public double getDayPnl() { return dayPnl; }
    /**
     * Today's P&L as a fraction of the equity at the start of the day (-0.03 = down 3 %), the same
     * unit as risk.daily_loss_limit_pct so a rule can compare them directly.
     */
    public double getDayPnlPct() {
        double startOfDay = equity - dayPnl;
        return startOfDay > 0 ? dayPnl / startOfDay : 0;
    }

    @Override
    public String toString() {
        return "Account[equity=" + equity + " cash=" + cash + " bp=" + buyingPower + " open=" + openPositions + " dayPnl=" + dayPnl + "]";
    }
}
