namespace ZonePoll.Tests.Infrastructure;

/// <summary>Where the repository and the app's own build output are, found from the running test's folder.</summary>
public static class Repository
{
    public static string Root()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ZonePoll.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("ZonePoll.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The app's dll as the solution build left it, in the tests' own configuration (Debug or Release).</summary>
    public static string BuiltAppDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(Root(), "src", "ZonePoll.Web", "bin", configuration, "net10.0", "ZonePoll.Web.dll");
    }
}
