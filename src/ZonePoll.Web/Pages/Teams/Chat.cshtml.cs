using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Chat;
using ZonePoll.Web.Data;
using ZonePoll.Web.Infrastructure;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.Teams;

/// <summary>
/// The team's chat: the incoming-webhook address (stored encrypted, shown again as its host only), whether posts may
/// name customers, and a test post whose answer is shown beside the button.
/// </summary>
[ForTeamMembers(MemberRole.Manager)]
public sealed class ChatModel(ZonePollDbContext db, WebhookAddress addresses, TeamChat chat, ChatPoster poster, ChatTestLimit testLimit) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public TeamAccessResult Team => HttpContext.Team();

    public bool Archived => HttpContext.TeamArchived();

    /// <summary>The saved webhook as shown (host and an ellipsis); null when none is set.</summary>
    public string? Current { get; private set; }

    /// <summary>The answer to "Send a test message", shown beside the button.</summary>
    public ChatReply? TestReply { get; private set; }

    public sealed class InputModel
    {
        [Display(Name = "Incoming-webhook address")]
        [FreeText(TextKind.Line, Subject = "The address")]
        public string? WebhookUrl { get; set; }

        [Display(Name = "Name customers in posts")]
        public bool NamesOn { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(keepInput: false, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(keepInput: true, cancellationToken);
        var typed = Input.WebhookUrl?.Trim() ?? "";
        string? stored = null;
        string? host = null;
        // Left empty with one saved: only the names toggle changes (the saved address is never put back in the field).
        if (ModelState.IsValid && (typed.Length > 0 || Current is null))
        {
            var checkedAddress = await addresses.CheckAsync(typed, cancellationToken);
            if (checkedAddress.Error is { } error)
            {
                ModelState.AddModelError("Input.WebhookUrl", error);
            }
            else
            {
                stored = chat.Protect(checkedAddress.Uri!);
                host = checkedAddress.Uri!.Host;
            }
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var names = Input.NamesOn;
        if (stored is null)
        {
            await db.Teams.Where(t => t.Id == Team.TeamId).ExecuteUpdateAsync(s => s.SetProperty(t => t.ChatNamesOn, names), cancellationToken);
        }
        else
        {
            await db.Teams.Where(t => t.Id == Team.TeamId).ExecuteUpdateAsync(
                s => s.SetProperty(t => t.ChatWebhook, stored).SetProperty(t => t.ChatWebhookHost, host).SetProperty(t => t.ChatNamesOn, names),
                cancellationToken);
        }

        TempData["Message"] = (stored is null ? "Saved." : $"Saved: the team's chat posts go to {TeamChat.Shown(host!)}.")
            + (names ? " Posts name customers." : " Posts carry team totals only, no customer names.");
        return RedirectToPage(new { teamId = Team.TeamId });
    }

    public async Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken)
    {
        // The test is the saved address's, not what the field holds: "Save" first, then test what posts will use.
        ModelState.Clear();
        await LoadAsync(keepInput: false, cancellationToken);
        var stored = await db.Teams.AsNoTracking().Where(t => t.Id == Team.TeamId).Select(t => t.ChatWebhook).SingleAsync(cancellationToken);
        if (chat.Unprotect(stored) is not { } webhook)
        {
            TestReply = new(null, "", stored is null
                ? "No webhook address is saved yet: paste one above and save it first."
                : "The saved address can no longer be read (the server's keys changed): paste it again and save.");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if (!testLimit.TryTake(Team.TeamId))
        {
            TestReply = new(null, "", $"This team has sent {ChatTestLimit.Tests} test messages in the last {ChatTestLimit.Window.TotalMinutes:0} "
                + "minutes: that is enough to see whether posts work. Try again in a few minutes.");
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        TestReply = await poster.PostAsync(webhook, $"ZonePoll test message for {Team.TeamName}: posts to this chat work.", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken cancellationToken)
    {
        await db.Teams.Where(t => t.Id == Team.TeamId).ExecuteUpdateAsync(
            s => s.SetProperty(t => t.ChatWebhook, (string?)null).SetProperty(t => t.ChatWebhookHost, (string?)null), cancellationToken);
        TempData["Message"] = "The webhook is removed: nothing more is posted to the team's chat, and posts still queued are skipped.";
        return RedirectToPage(new { teamId = Team.TeamId });
    }

    private async Task LoadAsync(bool keepInput, CancellationToken cancellationToken)
    {
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == Team.TeamId)
            .Select(t => new { t.ChatWebhookHost, HasWebhook = t.ChatWebhook != null, t.ChatNamesOn }).SingleAsync(cancellationToken);
        Current = team.HasWebhook && team.ChatWebhookHost is { } host ? TeamChat.Shown(host) : null;
        if (!keepInput)
        {
            Input = new InputModel { NamesOn = team.ChatNamesOn };
        }
    }
}
