using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Teams;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Worksheets;

/// <summary>A save the rep was told is saved stays saved, power cut or not.</summary>
public class WriterDurabilityTests
{
    [Fact]
    public async Task OnSqliteTheWriterSyncsEveryCommitToDiskBeforeASaveIsAcknowledged()
    {
        using var sqlite = ZonePollFactory.OnSqlite();
        var commands = new CommandLog();
        using var app = sqlite.WithWebHostBuilder(b => b.ConfigureLogging(l => l
            .AddProvider(commands)
            .AddFilter<CommandLog>(DbLoggerCategory.Database.Command.Name, LogLevel.Information)));
        var team = await sqlite.CreateTeamAsync(reps: 1);

        await using var scope = app.Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<WorksheetSaver>().SaveAsync(
            team.MeetingId, team.TeamId, new DateOnly(2026, 11, 26), team.RepIds[0], 0,
            [new CleanEntry(0, "Kept Co", Customer.Normalize("Kept Co"), Zone.Surprises, AccountType.Standard, null)], [], CancellationToken.None);

        Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        // In WAL mode, NORMAL syncs only at checkpoints: a power cut could lose the last acknowledged saves.
        var pragmas = commands.Texts.Where(t => t.Contains("PRAGMA synchronous", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(pragmas);
        Assert.All(pragmas, p => Assert.Contains("PRAGMA synchronous = FULL", p, StringComparison.Ordinal));
    }

    private sealed class CommandLog : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _texts = new();

        public IEnumerable<string> Texts => _texts;

        public ILogger CreateLogger(string categoryName) =>
            categoryName == DbLoggerCategory.Database.Command.Name ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _texts.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
