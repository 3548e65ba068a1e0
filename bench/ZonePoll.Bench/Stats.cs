using System.Globalization;

namespace ZonePoll.Bench;

internal static class Stats
{
    public static string Describe(IReadOnlyCollection<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return "n=0 (none seen)";
        }

        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        // Microseconds show when the median is under a millisecond.
        var f = At(0.5) < 1 ? "F4" : "F2";
        return string.Create(CultureInfo.InvariantCulture,
            $"n={sorted.Length} min={sorted[0].ToString(f, CultureInfo.InvariantCulture)} ms median={At(0.5).ToString(f, CultureInfo.InvariantCulture)} ms "
            + $"mean={sorted.Average().ToString(f, CultureInfo.InvariantCulture)} ms p95={At(0.95).ToString(f, CultureInfo.InvariantCulture)} ms "
            + $"max={sorted[^1].ToString(f, CultureInfo.InvariantCulture)} ms");
    }
}
