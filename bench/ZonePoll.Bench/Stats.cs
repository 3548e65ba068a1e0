using System.Globalization;

namespace ZonePoll.Bench;

internal static class Stats
{
    public static string Describe(IReadOnlyCollection<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"n={sorted.Length} min={sorted[0]:F2} ms median={At(0.5):F2} ms mean={sorted.Average():F2} ms p95={At(0.95):F2} ms max={sorted[^1]:F2} ms");
    }
}
