namespace ZonePoll.Web.Infrastructure;

/// <summary>Where the app finds wwwroot, its settings and (by default) App_Data, however it was started.</summary>
public static class AppFolders
{
    /// <summary>
    /// A configured content root (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>) wins. Otherwise a published
    /// app, which carries its own wwwroot, is its own content root, so it serves the same files and uses the same
    /// database from whatever folder it is started in. A build run by <c>dotnet run</c> keeps the default, the project
    /// folder it runs in; started from any other folder it uses its own output folder (never, say, <c>/</c>, whose
    /// settings files do not exist and whose whole tree the file watchers would scan).
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var configured = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[WebHostDefaults.ContentRootKey];
        var published = Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        var inProjectFolder = File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"));
        return new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = string.IsNullOrEmpty(configured) && (published || !inProjectFolder) ? AppContext.BaseDirectory : null,
        };
    }

    /// <summary>
    /// Outside Development the framework only looks for static files in the content root's wwwroot. A build that
    /// was not published keeps its compressed copies under obj/ and lists them in a runtime manifest beside the dll;
    /// without this, a browser asking for gzip gets empty stylesheets. A published app has no such manifest, so this
    /// does nothing there.
    /// </summary>
    public static WebApplicationBuilder UseBuildOutputStaticAssets(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            builder.WebHost.UseStaticWebAssets();
        }

        return builder;
    }
}
