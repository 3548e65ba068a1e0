using System.Net;
using SkiaSharp;
using ZonePoll.Tests.Infrastructure;
using ZonePoll.Web.Handouts;
using ZonePoll.Web.Worksheets;

namespace ZonePoll.Tests.Worksheets;

public class ZoneColoursTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    [Fact]
    public async Task PagesGetEachZoneColourAsACssVariableFromTheOneDefinition()
    {
        var client = factory.CreateAnonymousClient();
        var signIn = await client.GetDocumentAsync("/Identity/Account/Login");

        using var response = await client.GetAsync(ZoneStyle.CssPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        var css = await response.Content.ReadAsStringAsync();
        Assert.All(ZoneStyle.All, zone => Assert.Contains($"--{zone.CssClass}: {zone.Colour};", css, StringComparison.Ordinal));
        Assert.Contains(signIn.QuerySelectorAll("link[rel=stylesheet]"), link => link.GetAttribute("href") == ZoneStyle.CssPath);
    }

    [Fact]
    public void TheHandoutDrawsEachZoneInTheSameColourAsThePages() =>
        Assert.All(ZoneStyle.All, zone => Assert.Equal(SKColor.Parse(zone.Colour), HandoutRenderer.ColorOf(zone.Zone)));
}
