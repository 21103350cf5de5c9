package autotrader.backtest;

import autotrader.ensemble.StackedEnsemble;

import java.time.LocalDate;

/** The decision model in force on a backtest day: the committed one throughout, or one retrained walk-forward. */
public interface EnsembleSource {

    /** The ensemble for decisions on {@code day}; the same instance until it is replaced. */
    StackedEnsemble ensembleFor(LocalDate day);

    /** One line for the report: which models, trained on what. */
    String describe();

    /** A fixed, already trained ensemble. */
    static EnsembleSource fixed(StackedEnsemble ensemble, String description) {
        return new EnsembleSource() {
            @Override
            public StackedEnsemble ensembleFor(LocalDate day) {
                return ensemble;
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }
}
