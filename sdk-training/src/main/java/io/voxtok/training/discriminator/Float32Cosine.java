package io.voxtok.training.discriminator;

/**
 * The float32 cosine of PyTorch's CPU kernels (SLEEF's 1-ulp {@code cosf} with fused multiply-add), so that
 * {@code torch.hann_window} can be rebuilt bit for bit: a correctly rounded cosine differs from it in about 3% of a
 * window's values.
 *
 * <p>Method (SLEEF): reduce {@code |d|} by an odd multiple {@code q} of {@code pi/2} with a three-part Cody-Waite
 * constant in double-float arithmetic (pairs of floats, error-free sums and FMA products), evaluate the sine
 * polynomial on the reduced argument, and take the sign from {@code q}. Only {@code |d| < 125} is supported, which
 * covers every window angle ({@code <= 2 pi}).
 */
final class Float32Cosine {
    private static final float RANGE = 125f;
    private static final float ONE_OVER_PI = (float) (1 / Math.PI);
    // pi split into three floats; halved because q counts multiples of pi/2
    private static final float PI_A = -3.1414794921875f * 0.5f;
    private static final float PI_B = -0.00011315941810607910156f * 0.5f;
    private static final float PI_C = -1.9841872589410058936e-09f * 0.5f;

    private Float32Cosine() {
    }

    /**
     * {@code cos(d)} rounded as PyTorch's float32 CPU kernel rounds it.
     *
     * @throws IllegalArgumentException for {@code |d| >= 125} (not needed by any window)
     */
    static float cos(float d) {
        if (!(Math.abs(d) < RANGE)) {
            throw new IllegalArgumentException("cosine argument out of the supported range: " + d);
        }
        float dq = Math.fma((float) Math.rint(Math.fma(d, ONE_OVER_PI, -0.5f)), 2f, 1f);
        int q = (int) dq;
        // s = d + dq * (-pi/2), as a double-float (hi, lo)
        float sHi = d + dq * PI_A;
        float v = sHi - d;
        float sLo = (d - (sHi - v)) + (dq * PI_A - v);
        float[] s = addErrorFree(sHi, sLo, dq * PI_B);
        s = addErrorFree(s[0], s[1], dq * PI_C);
        float tHi = s[0];
        float tLo = s[1];
        // s^2 as a double-float
        float sqHi = s[0] * s[0];
        float sqLo = Math.fma(s[0] + s[0], s[1], Math.fma(s[0], s[0], -sqHi));

        float u = 2.6083159809786593541503e-06f;
        u = Math.fma(u, sqHi, -0.0001981069071916863322258f);
        u = Math.fma(u, sqHi, 0.00833307858556509017944336f);

        // a = -1/6 + u * s^2 (fast two-sum)
        float p = u * sqHi;
        float aHi = -0.166666597127914428710938f + p;
        float aLo = (-0.166666597127914428710938f - aHi) + p;
        // m = a * s^2 (double-float product)
        float mHi = aHi * sqHi;
        float mLo = Math.fma(aHi, sqLo, Math.fma(aLo, sqHi, Math.fma(aHi, sqHi, -mHi)));
        // x = 1 + m
        float xHi = 1f + mHi;
        float xLo = ((1f - xHi) + mHi) + mLo;
        // r = t * x, rounded to one float
        float r = Math.fma(tHi, xHi, Math.fma(tLo, xHi, tHi * xLo));
        return (q & 2) == 0 ? -r : r;
    }

    /** {@code (hi, lo) + y} with the rounding error of the leading sum kept. */
    private static float[] addErrorFree(float hi, float lo, float y) {
        float s = hi + y;
        float v = s - hi;
        float t = (hi - (s - v)) + (y - v);
        return new float[] {s, t + lo};
    }
}
