using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Infrastructure;

namespace ZonePoll.Tests.Meetings;

/// <summary>
/// Without <c>App:PublicUrl</c>, links and the projector's QR code are built from the address the manager typed; on a
/// loopback address no phone in the room can open them, and the projector and team page say so and how to fix it.
/// </summary>
public class PhoneAddressTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    [Fact]
    public async Task OnALoopbackAddressTheProjectorAndTheTeamPageSayPhonesCannotReachItAndHowToSetThePublicAddress()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var manager = factory.CreateClientFor(team.ManagerId);
        manager.BaseAddress = new Uri("http://127.0.0.1:5000/");

        var projector = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}/present");
        var teamPage = await manager.GetDocumentAsync($"/teams/{team.TeamId}");

        foreach (var page in new[] { projector, teamPage })
        {
            var warning = page.QuerySelector("#loopback-warning")?.TextContent;
            Assert.NotNull(warning);
            Assert.Contains("Phones cannot open 127.0.0.1", warning, StringComparison.Ordinal);
            Assert.Contains("App__PublicUrl", warning, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OnAnAddressOfTheRoomsNetworkNothingWarns()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var manager = factory.CreateClientFor(team.ManagerId);
        manager.BaseAddress = new Uri("http://192.168.1.20:5000/");

        var projector = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}/present");
        var teamPage = await manager.GetDocumentAsync($"/teams/{team.TeamId}");

        Assert.Null(projector.QuerySelector("#loopback-warning"));
        Assert.Null(teamPage.QuerySelector("#loopback-warning"));
        Assert.Equal($"http://192.168.1.20:5000/meetings/{team.MeetingId}/worksheet", projector.QuerySelector("#join-url")!.TextContent);
    }

    [Fact]
    public async Task WithThePublicAddressSetNothingWarnsEvenOnLoopbackAndTheQrCodeUsesIt()
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        using var configured = factory.WithWebHostBuilder(b => b.UseSetting(PublicUrl.Setting, "https://zonepoll.example.com"));
        var manager = configured.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost/") });
        manager.DefaultRequestHeaders.Add(TestAuthHandler.Header, team.ManagerId);

        var projector = await manager.GetDocumentAsync($"/meetings/{team.MeetingId}/present");

        Assert.Null(projector.QuerySelector("#loopback-warning"));
        Assert.Equal($"https://zonepoll.example.com/meetings/{team.MeetingId}/worksheet", projector.QuerySelector("#join-url")!.TextContent);
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("app.localhost", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("[::1]", true)]
    [InlineData("192.168.1.20", false)]
    [InlineData("[fe80::1]", false)]
    [InlineData("zonepoll.example.com", false)]
    public void OnlyLoopbackHostsAreUnreachableFromPhones(string host, bool unreachable)
    {
        var publicUrl = new PublicUrl(new ConfigurationBuilder().Build());
        var context = new DefaultHttpContext();
        context.Request.Host = new HostString(host, 5000);

        Assert.Equal(unreachable, publicUrl.UnreachableFromPhones(context.Request));
    }
}
