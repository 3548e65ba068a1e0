using System.Globalization;

namespace ZonePoll.Bench;

internal static class Stats
{
    public static string Describe(IReadOnlyCollection<double> values, string unit = "ms")
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return "n=0 (none seen)";
        }

        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        // Four places when the median is under one (microseconds, for times).
        var f = At(0.5) < 1 ? "F4" : "F2";
        return string.Create(CultureInfo.InvariantCulture,
            $"n={sorted.Length} min={sorted[0].ToString(f, CultureInfo.InvariantCulture)} {unit} "
            + $"median={At(0.5).ToString(f, CultureInfo.InvariantCulture)} {unit} "
            + $"mean={sorted.Average().ToString(f, CultureInfo.InvariantCulture)} {unit} p95={At(0.95).ToString(f, CultureInfo.InvariantCulture)} {unit} "
            + $"max={sorted[^1].ToString(f, CultureInfo.InvariantCulture)} {unit}");
    }
}
