using ZonePoll.Tests.Infrastructure;

namespace ZonePoll.Tests.Pages;

public class ErrorPageTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    [Fact]
    public async Task TheErrorPageOutsideDevelopmentSpeaksToUsersNotDevelopers()
    {
        var page = await factory.CreateAnonymousClient().GetDocumentAsync("/Error");

        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("Something went wrong on our side", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Development", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ASPNETCORE_ENVIRONMENT", text, StringComparison.Ordinal);
    }
}
