package autotrader.predict;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The gate activations of {@link GemmLstm} against {@code Math}: relative 1e-8 in double up to the clamp, the float tanh's last bit in float. */
class GateFunctionsTest {

    @Test
    void tanhIsWithinARelativeOneInAHundredMillionOnADenseGrid() {
        double worst = 0;
        int beyondOneUlp = 0;
        for (int i = -2_000_000; i <= 2_000_000; i++) {
            double x = i * 1e-5 * 1.3; // -26 .. 26, through the clamp
            double exact = Math.tanh(x), ours = GateFunctions.tanh(x);
            double relative = Math.abs(ours - exact) / Math.abs(exact);
            if (Math.abs(x) <= GateFunctions.CLAMP && x != 0) worst = Math.max(worst, relative);
            else if (x != 0) assertTrue(relative < 4e-8, "beyond the clamp, x = " + x + ": " + relative); // tanh(9) = 1 - 3e-8
            float exactF = (float) exact, oursF = (float) ours;
            if (Math.abs(oursF - exactF) > Math.ulp(exactF)) beyondOneUlp++;
        }
        assertTrue(worst < 1e-8, "largest relative error " + worst);
        assertEquals(0, beyondOneUlp, "values more than one float ulp from Math.tanh");
    }

    @Test
    void smallArgumentsKeepTheirRelativePrecision() {
        for (double x = 1e-12; x < 1e-2; x *= 1.7) {
            assertEquals(Math.tanh(x), GateFunctions.tanh(x), 1e-8 * x, "x = " + x);
            assertEquals(-GateFunctions.tanh(x), GateFunctions.tanh(-x), 0.0, "odd at " + x);
        }
        assertEquals(0.0, GateFunctions.tanh(0.0), 0.0);
    }

    @Test
    void sigmoidMatchesTheLogisticFunctionAndNanStaysNan() {
        double worst = 0;
        for (int i = -400_000; i <= 400_000; i++) {
            double x = i * 1e-4;
            worst = Math.max(worst, Math.abs(GateFunctions.sigmoid(x) - 1 / (1 + Math.exp(-x))));
        }
        assertTrue(worst < 3e-8, "largest absolute error " + worst); // ~1.5e-8 where the clamp cuts sigmoid(-18) to 0
        assertTrue(Double.isNaN(GateFunctions.tanh(Double.NaN)));
        assertTrue(Double.isNaN(GateFunctions.sigmoid(Double.NaN)));
        assertEquals(1.0, GateFunctions.tanh(Double.POSITIVE_INFINITY), 4e-8);
        assertEquals(0.0, GateFunctions.sigmoid(Double.NEGATIVE_INFINITY), 2e-8);
    }
}
