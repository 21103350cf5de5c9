package autotrader.backtest;

import autotrader.ensemble.StackedEnsemble;
import autotrader.rules.ModelSkill;

import java.time.LocalDate;

/** The decision model in force on a backtest day: the committed one throughout, or one retrained walk-forward. */
public interface EnsembleSource {

    /** The ensemble for decisions on {@code day}; the same instance until it is replaced. */
    StackedEnsemble ensembleFor(LocalDate day);

    /** One line for the report: which models, trained on what. */
    String describe();

    /**
     * The out-of-sample skill of the ensemble in force on {@code day}, from its card, for the rules' skill gate.
     * A source that does not know its models' cards says so: an unknown skill, which the default rules refuse.
     */
    default ModelSkill skillFor(LocalDate day) {
        return ModelSkill.unread(describe());
    }

    /** A fixed, already trained ensemble. */
    static EnsembleSource fixed(StackedEnsemble ensemble, String description) {
        return fixed(ensemble, description, null);
    }

    /** A fixed ensemble with its card's skill record ({@code skill} null: the card has none, or was not read). */
    static EnsembleSource fixed(StackedEnsemble ensemble, String description, ModelSkill skill) {
        return new EnsembleSource() {
            @Override
            public StackedEnsemble ensembleFor(LocalDate day) {
                return ensemble;
            }

            @Override
            public String describe() {
                return description;
            }

            @Override
            public ModelSkill skillFor(LocalDate day) {
                return skill != null ? skill : EnsembleSource.super.skillFor(day);
            }
        };
    }
}
