using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ZonePoll.BrowserTests.Infrastructure;
using ZonePoll.Web.Email;
using static Microsoft.Playwright.Assertions;

namespace ZonePoll.BrowserTests.Email;

public class EmailLinkTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ARepFollowsTheFillInYourTenLinkFromTheEmailOnAPhoneSignsInAndLandsOnTheWorksheet()
    {
        await using var managerContext = await fixture.NewContextAsync();
        var (manager, invite, _) = await managerContext.ManagerWithMeetingAsync();
        var email = $"rosa-{Guid.NewGuid():n}@example.com";
        await using (var joinContext = await fixture.NewContextAsync(360, 740))
        {
            var joining = await joinContext.NewPageAsync();
            await joining.GotoAsync(invite);
            await joining.ClickAsync("text=Create an account");
            await joining.RegisterAsync("Rosa Rep", email);
            await joining.WaitForURLAsync("**/worksheet");
        }

        // The next meeting, opened as it is made: Rosa is asked to fill in her ten by e-mail.
        await manager.ClickAsync(".breadcrumb a");
        await manager.ClickAsync("main >> text=New meeting");
        await manager.FillAsync("#Input_Title", "December meeting");
        await manager.CheckAsync("#Input_OpenNow");
        await manager.ClickAsync("button:has-text('Create meeting')");
        await Expect(manager.Locator("h1")).ToHaveTextAsync("December meeting");
        var meetingId = manager.Url.TrimEnd('/').Split('/')[^1];

        var message = await MessageToAsync(email);
        Assert.Contains("fill in your ten", message.Subject, StringComparison.OrdinalIgnoreCase);
        var link = (message.TextBody ?? "").Split(['\n', ' ', '<', '>'], StringSplitOptions.RemoveEmptyEntries)
            .Select(word => word.Trim())
            .First(word => word.StartsWith("http", StringComparison.Ordinal) && word.EndsWith($"/meetings/{meetingId}/worksheet", StringComparison.Ordinal));

        // On her phone, signed out: the link asks her to sign in, then opens that meeting's worksheet.
        await using var phone = await fixture.NewContextAsync(360, 740);
        var page = await phone.NewPageAsync();
        await page.GotoAsync(link);
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", "a long passphrase");
        await page.ClickAsync("button:has-text('Sign in')");
        await page.WaitForURLAsync($"**/meetings/{meetingId}/worksheet");
        await Expect(page.Locator("#worksheet-meeting")).ToContainTextAsync("December meeting");
        await Expect(page.Locator("#row-0-name")).ToBeEditableAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await page.AssertAccessibleAsync();
    }

    /// <summary>The message to <paramref name="address"/> from the pickup folder the app writes to without SMTP, once the sender has written it.</summary>
    private async Task<MimeMessage> MessageToAsync(string address)
    {
        var folder = fixture.App.Services.GetRequiredService<MailDestination>().PickupFolder;
        Assert.NotNull(folder);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [])
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(m => m.Address == address))
                {
                    return message;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No e-mail to {address} reached {folder}.");
    }
}
