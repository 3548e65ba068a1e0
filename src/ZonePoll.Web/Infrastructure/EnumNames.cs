namespace ZonePoll.Web.Infrastructure;

/// <summary>Enum values as posted: only a member's exact name counts, never a number or a comma list.</summary>
public static class EnumNames
{
    public static bool TryParse<T>(string? value, out T result)
        where T : struct, Enum
    {
        if (value is not null && Enum.GetNames<T>().Contains(value, StringComparer.Ordinal))
        {
            result = Enum.Parse<T>(value);
            return true;
        }

        result = default;
        return false;
    }
}
