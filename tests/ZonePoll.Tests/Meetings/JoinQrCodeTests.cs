using System.Xml.Linq;
using ZonePoll.Web.Meetings;

namespace ZonePoll.Tests.Meetings;

/// <summary>The projector inserts this SVG as markup (JoinQrCode.Markup): nothing of the address may reach it as text.</summary>
public class JoinQrCodeTests
{
    private static readonly string[] Shapes = ["rect", "path", "g"];

    [Fact]
    public void TheSvgCarriesNoTextOfTheAddressOnlyShapesInFixedColours()
    {
        // A hostile Host header ends up in the address when App:PublicUrl is not set.
        const string url = "http://evil\"><script>alert(1)</script>.example/meetings/1/worksheet?x=<b>&y='";

        var svg = JoinQrCode.Svg(url);

        Assert.DoesNotContain("script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("evil", svg, StringComparison.Ordinal);
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal("svg", root.Name.LocalName);
        Assert.All(root.Descendants(), e => Assert.Contains(e.Name.LocalName, Shapes));
        Assert.All(root.DescendantNodes().OfType<XText>(), t => Assert.True(string.IsNullOrWhiteSpace(t.Value)));
    }
}
