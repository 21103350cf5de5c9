package autotrader.predict;

/**
 * tanh and the logistic sigmoid in float for {@link GemmLstm}'s gate loops, written so that HotSpot's
 * C2 compiles a loop over an array of them to SIMD instructions: nothing it cannot inline, no branch
 * (the clamp is {@code Math.min}/{@code max}), one division. {@code Math.tanh} and {@code Math.exp}
 * are neither vectorised nor, for tanh, intrinsic: a 2 x 128 LSTM over 60 steps and 50 sequences
 * needs 3.8 million of them, 60 ms through {@code Math} against about 3 ms this way.
 *
 * <p>tanh(x) = x P(x^2) / Q(x^2) on |x| <= 9 (P of degree 6, Q of degree 3, so x^13 over x^6);
 * beyond 9 the value at 9 (tanh is within 3e-8 of +-1 there). The coefficients were fitted for this
 * class (iteratively reweighted least squares on the relative error, Sanathanan-Koerner then Lawson
 * weights, 40,000 points on [0, 9]): largest relative error 6.8e-9 in exact arithmetic; evaluated in
 * float, the rounding of the two polynomials leaves it within 7 units in the last place of the
 * float tanh (3.7e-7 at most, near +-1), where libnd4j's float tanh, which DL4J's own layers use, is
 * within one or two ({@code GateFunctionsTest} checks a dense grid). sigmoid(x) = (1 + tanh(x / 2)) / 2.
 * The network is a float32 model and its matrix products are float32 in every path; the
 * predictions through these gates differ from DL4J's by at most 2e-9 on log returns of the
 * committed models (the fused op used before: 7e-10).
 */
final class GateFunctions {

    /** The rational function is fitted up to here; beyond it tanh(x) is within 3e-8 of +-1. */
    static final float CLAMP = 9f;
    private static final float P0 = 0.9999999935185844f, P1 = 0.13084140971955585f, P2 = 0.0031041019868768747f,
            P3 = 1.1155822638136302e-05f, P4 = -2.0231311206843048e-08f, P5 = 5.280848432899058e-11f, P6 = -8.496082765972581e-14f;
    private static final float Q1 = 0.46417468123651223f, Q2 = 0.024495760013117124f, Q3 = 0.00025463568719588745f;

    private GateFunctions() {
    }

    static float tanh(float x) {
        float v = Math.max(-CLAMP, Math.min(CLAMP, x));
        float s = v * v;
        float p = ((((((P6 * s + P5) * s + P4) * s + P3) * s + P2) * s + P1) * s + P0) * v;
        float q = ((Q3 * s + Q2) * s + Q1) * s + 1f;
        return p / q;
    }

    static float sigmoid(float x) {
        return 0.5f + 0.5f * tanh(0.5f * x);
    }
}
