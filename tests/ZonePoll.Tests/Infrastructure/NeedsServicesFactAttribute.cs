using System.Runtime.CompilerServices;

namespace ZonePoll.Tests.Infrastructure;

/// <summary>The servers a test needs besides the app itself, which <c>./test.sh</c> starts (tests/services.sh).</summary>
[Flags]
public enum TestServices
{
    None = 0,
    PostgreSQL = 1,
    Redis = 2,
}

/// <summary>
/// A fact that needs the run's PostgreSQL or Redis whatever engine the run is on: a plain <c>dotnet test</c> without
/// them reports it skipped with the reason rather than failed, while <c>./test.sh</c> always provides them and fails
/// the run if anything was skipped, so CI never loses these tests quietly.
/// </summary>
/// <remarks>
/// At its default verbosity <c>dotnet test</c> lists a skipped test by name but not why; a skipped one is named with
/// its reason, so whoever sees the line also sees what to set.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class NeedsServicesFactAttribute : FactAttribute
{
    public NeedsServicesFactAttribute(TestServices services, [CallerFilePath] string file = "", [CallerMemberName] string test = "")
    {
        Services = services;
        if (TestDatabases.Missing(services) is { } reason)
        {
            Skip = reason;
            DisplayName = $"{Path.GetFileNameWithoutExtension(file)}.{test}, skipped: {reason}";
        }
    }

    public TestServices Services { get; }
}
