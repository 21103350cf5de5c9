package autotrader.predict;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The float gate activations of {@link GemmLstm} against {@code Math}'s, on dense grids. */
class GateFunctionsTest {

    @Test
    void tanhIsWithinSevenFloatUlpsAndFourTenMillionthsEverywhere() {
        double worstUlps = 0, worstAbsolute = 0;
        for (int i = -3_000_000; i <= 3_000_000; i++) {
            float x = i * 1e-5f * 0.9f; // -27 .. 27, through the clamp
            double exact = Math.tanh(x);
            float ours = GateFunctions.tanh(x);
            worstUlps = Math.max(worstUlps, Math.abs(ours - exact) / Math.ulp((float) exact));
            worstAbsolute = Math.max(worstAbsolute, Math.abs(ours - exact));
            assertTrue(Math.abs(ours) <= 1 + 4e-7, "x = " + x + ": " + ours);
        }
        assertTrue(worstUlps <= 7.5, "largest error " + worstUlps + " ulps");
        assertTrue(worstAbsolute < 4e-7, "largest absolute error " + worstAbsolute);
    }

    @Test
    void smallArgumentsKeepTheirRelativePrecisionAndTheSignIsOdd() {
        for (float x = 1e-30f; x < 1e-2f; x *= 1.7f) {
            assertEquals(Math.tanh(x), GateFunctions.tanh(x), 3 * Math.ulp(x), "x = " + x);
            assertEquals(-GateFunctions.tanh(x), GateFunctions.tanh(-x), 0.0, "odd at " + x);
        }
        assertEquals(0f, GateFunctions.tanh(0f), 0f);
    }

    @Test
    void sigmoidMatchesTheLogisticFunctionAndNanStaysNan() {
        double worst = 0;
        for (int i = -400_000; i <= 400_000; i++) {
            float x = i * 1e-4f;
            worst = Math.max(worst, Math.abs(GateFunctions.sigmoid(x) - 1 / (1 + Math.exp(-x))));
        }
        assertTrue(worst < 2.5e-7, "largest absolute error " + worst);
        assertTrue(Float.isNaN(GateFunctions.tanh(Float.NaN)));
        assertTrue(Float.isNaN(GateFunctions.sigmoid(Float.NaN)));
        assertEquals(1.0, GateFunctions.tanh(Float.POSITIVE_INFINITY), 4e-7);
        assertEquals(0.0, GateFunctions.sigmoid(Float.NEGATIVE_INFINITY), 2e-7);
    }
}
