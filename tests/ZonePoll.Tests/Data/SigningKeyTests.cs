using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Data;

public class SigningKeyTests
{
    /// <summary>Keeps every message logged at Warning or above, with its category.</summary>
    private sealed class WarningCollector : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, string Message)> Warnings { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Warnings);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string, string)> warnings) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    warnings.Enqueue((category, formatter(state, exception)));
                }
            }
        }
    }

    private sealed class LoggedFactory(WarningCollector collector) : ZonePollFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(collector));
        }
    }

    [Fact]
    public async Task TheFrameworksWarningThatTheKeysAreStoredUnencryptedIsLoggedWhenAKeyIsMade()
    {
        using var collector = new WarningCollector();
        using var factory = new LoggedFactory(collector);

        // Showing the sign-in page makes the first key: its form token is protected with it.
        await factory.CreateAnonymousClient().GetDocumentAsync("/Identity/Account/Login");

        Assert.Contains(collector.Warnings, w => w.Category.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal)
            && w.Message.Contains("unencrypted", StringComparison.Ordinal));
    }
}
