using System.Diagnostics.Metrics;

namespace ZonePoll.Web.Infrastructure;

/// <summary>
/// The app's key figures as a <see cref="Meter"/> named "ZonePoll". Its instruments exist only when metrics are
/// enabled: switched off, each call is a null check.
/// </summary>
public sealed class ZonePollMetrics : IDisposable
{
    public const string MeterName = "ZonePoll";

    private readonly Meter? _meter;
    private readonly Counter<long>? _saves;
    private readonly Counter<long>? _tallyBuilds;
    private readonly Histogram<double>? _tallyBuildSeconds;
    private readonly UpDownCounter<long>? _hubConnections;
    private readonly Counter<long>? _serverErrors;
    private readonly Counter<long>? _outboxQueued;
    private readonly Counter<long>? _outboxSent;
    private readonly Counter<long>? _outboxFailed;
    private IReadOnlyList<OutboxCount> _outbox = [];

    /// <summary>The outbox's rows by kind ("email", "chat") and state, as last counted from the database.</summary>
    public sealed record OutboxCount(string Kind, string State, long Count);

    public ZonePollMetrics(IMeterFactory meters, Microsoft.Extensions.Options.IOptions<MetricsSettings> settings)
    {
        if (!settings.Value.Enabled)
        {
            return;
        }

        _meter = meters.Create(MeterName);
        _saves = _meter.CreateCounter<long>("zonepoll.worksheet.saves", "{save}", "Worksheets saved.");
        _tallyBuilds = _meter.CreateCounter<long>("zonepoll.tally.builds", "{build}", "Tally snapshots built.");
        _tallyBuildSeconds = _meter.CreateHistogram<double>("zonepoll.tally.build.duration", "s", "How long a tally snapshot took to build.");
        _hubConnections = _meter.CreateUpDownCounter<long>("zonepoll.hub.connections", "{connection}", "Live tally connections open now.");
        _serverErrors = _meter.CreateCounter<long>("zonepoll.http.server_errors", "{response}", "Responses with a 5xx status.");
        _outboxQueued = _meter.CreateCounter<long>("zonepoll.outbox.queued", "{message}", "Messages this instance queued, by kind.");
        _outboxSent = _meter.CreateCounter<long>("zonepoll.outbox.sent", "{message}", "Messages this instance sent, by kind.");
        _outboxFailed = _meter.CreateCounter<long>("zonepoll.outbox.failed_attempts", "{attempt}", "Failed sending attempts on this instance, by kind.");
        _meter.CreateObservableGauge(
            "zonepoll.outbox.messages",
            () => _outbox.Select(c => new Measurement<long>(c.Count, new("kind", c.Kind), new("state", c.State))),
            "{message}",
            "The outbox's messages by kind and state, across every instance, as counted at the last look.");
    }

    public bool Enabled => _meter is not null;

    public void Saved() => _saves?.Add(1);

    public void TallyBuilt(TimeSpan took)
    {
        _tallyBuilds?.Add(1);
        _tallyBuildSeconds?.Record(took.TotalSeconds);
    }

    public void HubConnected() => _hubConnections?.Add(1);

    public void HubDisconnected() => _hubConnections?.Add(-1);

    public void ServerError() => _serverErrors?.Add(1);

    public void Queued(string kind, int count = 1) => _outboxQueued?.Add(count, new KeyValuePair<string, object?>("kind", kind));

    public void Sent(string kind) => _outboxSent?.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void FailedAttempt(string kind) => _outboxFailed?.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Replaces the counts the <c>zonepoll.outbox.messages</c> gauge reports.</summary>
    public void OutboxCounted(IReadOnlyList<OutboxCount> counts) => _outbox = counts;

    public void Dispose() => _meter?.Dispose();
}
