namespace KapMonitor.Simulators.Physiology;

/// <summary>
/// A small seeded PRNG (xoshiro256** seeded through SplitMix64) so that a seed gives the same patient
/// on every .NET version; <see cref="Random"/>'s seeded sequence is not promised to stay stable.
/// </summary>
public sealed class SimRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Creates a generator for <paramref name="seed"/>.</summary>
    public SimRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public double Range(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Standard normal (Box-Muller; one value per call keeps the sequence simple to reason about).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>
    /// A stateless uniform value in [0, 1) for (<paramref name="seed"/>, <paramref name="index"/>): lets a
    /// pure function of time pick noise without replaying a sequence.
    /// </summary>
    public static double Hash(ulong seed, long index)
    {
        var x = seed ^ ((ulong)index * 0x9E3779B97F4A7C15UL);
        return (SplitMix(ref x) >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Stateless standard-normal-ish value (sum of three uniforms, variance 1) for a knot.</summary>
    public static double HashGaussian(ulong seed, long index) =>
        (Hash(seed, index * 3) + Hash(seed, (index * 3) + 1) + Hash(seed, (index * 3) + 2) - 1.5) * 2.0;

    /// <summary>
    /// Smooth noise (standard deviation about 1) over time: random knots every <paramref name="knot"/>,
    /// cosine-interpolated, so vitals wander instead of jumping.
    /// </summary>
    public static double SmoothNoise(ulong seed, TimeSpan t, TimeSpan knot)
    {
        var position = t.Ticks / (double)knot.Ticks;
        var index = (long)Math.Floor(position);
        var fraction = position - index;
        var a = HashGaussian(seed, index);
        var b = HashGaussian(seed, index + 1);
        var w = (1 - Math.Cos(fraction * Math.PI)) / 2;
        return a + ((b - a) * w);
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
