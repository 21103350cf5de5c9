package autotrader.risk;

/** Error distribution of a GARCH(1,1) fit. Student-t is standardised to unit variance, so h_t stays the variance. */
public enum GarchDistribution {
    NORMAL,
    /** Standardised Student-t with nu > 2 degrees of freedom, nu estimated with the other parameters. */
    STUDENT_T
}
