using System.Threading.RateLimiting;

namespace ZonePoll.Web.Chat;

/// <summary>
/// "Send a test message" connects to wherever the team's saved address points, and shows the answer: left unlimited, a
/// manager of any team (anyone can make one) could use it to probe public hosts and ports. A handful per team in a few
/// minutes is all a real setup needs; each team has its own allowance, so one team's clicking never limits another.
/// </summary>
public sealed class ChatTestLimit : IDisposable
{
    public const int Tests = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly PartitionedRateLimiter<int> _limiter = PartitionedRateLimiter.Create<int, int>(teamId =>
        RateLimitPartition.GetFixedWindowLimiter(teamId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Tests,
            Window = Window,
            QueueLimit = 0,
        }));

    /// <summary>Whether the team may send a test now; false once it has sent <see cref="Tests"/> in the window.</summary>
    public bool TryTake(int teamId)
    {
        using var lease = _limiter.AttemptAcquire(teamId);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
