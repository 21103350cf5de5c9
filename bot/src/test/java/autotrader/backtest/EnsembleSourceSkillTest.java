package autotrader.backtest;

import autotrader.rules.ModelSkill;
import autotrader.testing.SkillRecords;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a backtest's model source says of its models' out-of-sample skill, for the rules' skill gate. */
class EnsembleSourceSkillTest {

    private static final LocalDate DAY = LocalDate.of(2025, 3, 17);

    @Test
    void aFixedSourceGivesItsCardsSkillAndWithoutOneSaysItWasNotRead() {
        ModelSkill skill = ModelSkill.of("models/ensemble-1d", SkillRecords.record(0.02, 3.5));
        assertSame(skill, EnsembleSource.fixed(null, "fixed: ensemble-1d", skill).skillFor(DAY));
        ModelSkill unread = EnsembleSource.fixed(null, "fixed: ensemble-1d").skillFor(DAY);
        assertFalse(unread.isKnown());
        assertEquals("fixed: ensemble-1d", unread.getModel());
        assertTrue(unread.getEvidence().contains("not read"), unread.getEvidence());
    }
}
