package autotrader.scan;

/** A symbol the scanner kept, with its rank (1 = strongest) and the price it was scored at. */
public record Candidate(int rank, Momentum momentum, double lastPrice) {

    public String symbol() {
        return momentum.symbol();
    }

    Candidate withRank(int r) {
        return new Candidate(r, momentum, lastPrice);
    }
}
