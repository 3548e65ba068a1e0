using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Data;
using ZonePoll.Web.Meetings;
using ZonePoll.Web.Teams;

namespace ZonePoll.Web.Pages.Meetings;

public sealed class DetailsModel(ZonePollDbContext db, TeamAccess access) : PageModel
{
    public MeetingAccessResult Meeting { get; private set; } = null!;
    public IReadOnlyList<SubmissionView> Submissions { get; private set; } = [];
    public IReadOnlyList<PromptView> Prompts { get; private set; } = [];

    /// <summary>The prompt whose edit was refused, with the text as typed.</summary>
    public int? FailedPromptId { get; private set; }
    public string? FailedPromptText { get; private set; }
    public string? PromptError { get; private set; }

    public int RepsIn => Submissions.Count(s => s.Entries > 0);

    public sealed record SubmissionView(string RepName, int Entries, DateTimeOffset? SavedAt);

    public sealed record PromptView(int Id, int Position, string Text);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostStatusAsync(int id, MeetingStatus status, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (!Enum.IsDefined(status))
        {
            return BadRequest();
        }

        await db.Meetings.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, status), cancellationToken);
        TempData["Message"] = status switch
        {
            MeetingStatus.Open => "The meeting is open: reps can fill in and change their worksheets.",
            MeetingStatus.Locked => "The meeting is locked: worksheets can no longer change.",
            _ => "The meeting is back to draft: reps cannot fill in worksheets until you open it.",
        };
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostAddPromptAsync(int id, string? text, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (RejectPromptText(0, text) is { } rejected)
        {
            return rejected;
        }

        var position = Prompts.Count == 0 ? 0 : Prompts.Max(p => p.Position) + 1;
        db.MeetingPrompts.Add(new MeetingPrompt { MeetingId = id, Position = position, Text = text!.Trim() });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = "Prompt added.";
        return RedirectToPage(null, null, new { id }, "prompts");
    }

    public async Task<IActionResult> OnPostUpdatePromptAsync(int id, int promptId, string? text, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (RejectPromptText(promptId, text) is { } rejected)
        {
            return rejected;
        }

        var trimmed = text!.Trim();
        await db.MeetingPrompts.Where(p => p.Id == promptId && p.MeetingId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Text, trimmed), cancellationToken);
        TempData["Message"] = "Prompt saved.";
        return RedirectToPage(null, null, new { id }, "prompts");
    }

    public async Task<IActionResult> OnPostMovePromptAsync(int id, int promptId, int direction, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        var index = Prompts.ToList().FindIndex(p => p.Id == promptId);
        var other = index + Math.Sign(direction);
        if (index >= 0 && other >= 0 && other < Prompts.Count && other != index)
        {
            var a = Prompts[index];
            var b = Prompts[other];
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.MeetingPrompts.Where(p => p.Id == a.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Position, b.Position), cancellationToken);
            await db.MeetingPrompts.Where(p => p.Id == b.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Position, a.Position), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return RedirectToPage(null, null, new { id }, "prompts");
    }

    public async Task<IActionResult> OnPostRemovePromptAsync(int id, int promptId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } denied)
        {
            return denied;
        }

        await db.MeetingPrompts.Where(p => p.Id == promptId && p.MeetingId == id).ExecuteDeleteAsync(cancellationToken);
        TempData["Message"] = "Prompt removed.";
        return RedirectToPage(null, null, new { id }, "prompts");
    }

    private PageResult? RejectPromptText(int promptId, string? text)
    {
        var trimmed = text?.Trim() ?? "";
        PromptError = trimmed.Length switch
        {
            0 => "Write the prompt, or remove it.",
            > MeetingPrompt.TextMaxLength => $"Keep a prompt to {MeetingPrompt.TextMaxLength} characters (this one has {trimmed.Length}).",
            _ => null,
        };
        if (PromptError is null)
        {
            return null;
        }

        (FailedPromptId, FailedPromptText) = (promptId, text);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var meeting = await access.ForMeetingAsync(id, User, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        if (!meeting.IsManager)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Meeting = meeting;
        Submissions = await db.TeamMembers.AsNoTracking()
            .Where(m => m.TeamId == meeting.TeamId && m.Role == TeamRole.Rep)
            .Select(m => new
            {
                m.User!.DisplayName,
                Worksheet = db.Worksheets.Where(w => w.MeetingId == id && w.RepId == m.UserId)
                    .Select(w => new { Count = w.Entries.Count, w.UpdatedAt })
                    .FirstOrDefault(),
            })
            .OrderBy(s => s.DisplayName)
            .Select(s => new SubmissionView(s.DisplayName, s.Worksheet == null ? 0 : s.Worksheet.Count, s.Worksheet == null ? null : s.Worksheet.UpdatedAt))
            .ToListAsync(cancellationToken);
        Prompts = await db.MeetingPrompts.AsNoTracking()
            .Where(p => p.MeetingId == id)
            .OrderBy(p => p.Position).ThenBy(p => p.Id)
            .Select(p => new PromptView(p.Id, p.Position, p.Text))
            .ToListAsync(cancellationToken);
        return null;
    }
}
