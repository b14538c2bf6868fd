package vsam.backend.javacpp.cpu;

/**
 * The error function for the float kernels (GELU), from Abramowitz and Stegun, Handbook of Mathematical
 * Functions, formula 7.1.26: for {@code x ≥ 0}, with {@code t = 1/(1 + p·x)},
 * <pre>
 *   erf(x) = 1 − (a₁t + a₂t² + a₃t³ + a₄t⁴ + a₅t⁵) · e^(−x²) + ε(x),   |ε(x)| ≤ 1.5·10⁻⁷
 *   p = 0.3275911, a₁ = 0.254829592, a₂ = −0.284496736, a₃ = 1.421413741, a₄ = −1.453152027, a₅ = 1.061405429
 * </pre>
 * and {@code erf(−x) = −erf(x)}. It is evaluated in double, so the float result is off by at most
 * {@code 1.5e-7} plus half a float ulp of a value below 1 ({@code 3e-8}); {@code ErfTest} checks
 * {@code ≤ 2e-7} against the double-precision series of the test kit.
 */
final class Erf {

    static final double P = 0.3275911;
    static final double A1 = 0.254829592;
    static final double A2 = -0.284496736;
    static final double A3 = 1.421413741;
    static final double A4 = -1.453152027;
    static final double A5 = 1.061405429;
    /** {@code 1/√2}. */
    static final double INV_SQRT2 = 0.7071067811865476;
    /** {@code 1/√(2π)}. */
    static final double INV_SQRT_2PI = 0.3989422804014327;

    private Erf() {
    }

    /** {@code erf(x)} to within {@code 2e-7} absolute. */
    static float erf(float x) {
        double a = Math.abs((double) x);
        double r = erfOfAbs(a, Math.exp(-a * a));
        return (float) (x < 0 ? -r : r);
    }

    /** {@code erf(a)} for {@code a ≥ 0}, given {@code e^(−a²)} (which GELU's derivative shares with {@code φ}). */
    private static double erfOfAbs(double a, double expMinusA2) {
        double t = 1 / (1 + P * a);
        return 1 - t * (A1 + t * (A2 + t * (A3 + t * (A4 + t * A5)))) * expMinusA2;
    }

    /** {@code Φ(x) = (1 + erf(x/√2))/2}, given {@code e^(−x²/2)}. */
    private static double phiCdf(double x, double expMinusHalfX2) {
        double e = erfOfAbs(Math.abs(x) * INV_SQRT2, expMinusHalfX2);
        return 0.5 * (1 + (x < 0 ? -e : e));
    }

    /** Exact GELU {@code x · Φ(x) = x/2 · (1 + erf(x/√2))}: one {@code exp}. */
    static float gelu(float x) {
        double v = x;
        return (float) (v * phiCdf(v, Math.exp(-0.5 * v * v)));
    }

    /** {@code d gelu/dx = Φ(x) + x · φ(x)}, {@code φ(x) = e^(−x²/2)/√(2π)}: one {@code exp}, shared by both terms. */
    static float geluDerivative(float x) {
        double v = x;
        double e = Math.exp(-0.5 * v * v);
        return (float) (phiCdf(v, e) + v * e * INV_SQRT_2PI);
    }
}
