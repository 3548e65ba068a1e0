using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using ZonePoll.Web.Infrastructure;

namespace ZonePoll.Tests.Infrastructure;

/// <summary>
/// A form in a character set the app cannot read (UTF-7, which .NET disables, or a name nobody knows) is refused with 415
/// and a message saying so. The form readers threw on UTF-7, and the error page after them, so it was a 500.
/// </summary>
public class FormCharsetTests(ZonePollFactory factory) : IClassFixture<ZonePollFactory>
{
    [Theory]
    [InlineData("application/x-www-form-urlencoded; charset=utf-7")]
    [InlineData("application/x-www-form-urlencoded; charset=\"UTF-7\"")]
    [InlineData("application/x-www-form-urlencoded; charset=no-such-charset")]
    [InlineData("multipart/form-data; boundary=x; charset=utf-7")]
    public async Task AFormInACharsetTheAppCannotReadIsRefusedWith415AndAMessage(string contentType)
    {
        foreach (var path in new[] { "/", "/Identity/Account/Login", "/no-such-page" })
        {
            using var content = new ByteArrayContent("a=b"u8.ToArray());
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            using var response = await factory.CreateAnonymousClient().PostAsync(path, content);

            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.Equal(FormInput.UnreadableCharset, await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("utf-7", HttpStatusCode.UnsupportedMediaType, 0)]
    [InlineData("UTF-8", HttpStatusCode.Redirect, 1)]
    public async Task ARepsSaveIsReadWhenItsCharsetIsNamedAndReadableAndSavesNothingWhenNot(string charset, HttpStatusCode expected, int saved)
    {
        var team = await factory.CreateTeamAsync(reps: 1);
        var rep = factory.CreateClientFor(team.RepIds[0]);
        var form = (await rep.GetDocumentAsync($"/meetings/{team.MeetingId}/worksheet")).Form();
        var field = (string name) => form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Single(e => e.Name == name).Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = field("__RequestVerificationToken"),
            ["Version"] = field("Version"),
            ["Rows[0].Name"] = "Acme Café",
            ["Rows[0].Zone"] = "Recovery",
            ["Rows[0].AccountType"] = "Key",
            ["Rows[0].Note"] = "",
        });
        content.Headers.ContentType!.CharSet = charset;

        using var response = await rep.PostAsync($"/meetings/{team.MeetingId}/worksheet", content);

        Assert.Equal(expected, response.StatusCode);
        var names = await factory.WithDbAsync(db =>
            db.Worksheets.Where(w => w.MeetingId == team.MeetingId).SelectMany(w => w.Entries).Select(e => e.CustomerName).ToListAsync());
        Assert.Equal(saved, names.Count);
        Assert.All(names, name => Assert.Equal("Acme Café", name));
    }
}
