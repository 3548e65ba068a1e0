namespace ZonePoll.Web.Infrastructure;

public static class ExportFileName
{
    /// <summary>zonepoll-{team}-{date}-{what}: ASCII, so every browser and file system keeps it as is.</summary>
    public static string For(string teamName, DateOnly date, string what)
    {
        var slug = new string([.. teamName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return $"zonepoll-{(slug.Length == 0 ? "team" : slug)}-{date:yyyy-MM-dd}-{what}";
    }
}
