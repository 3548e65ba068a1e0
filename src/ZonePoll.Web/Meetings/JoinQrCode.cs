using Microsoft.AspNetCore.Html;
using QRCoder;

namespace ZonePoll.Web.Meetings;

/// <summary>
/// The worksheet address as a QR code for the projector, so reps in the room open it on a phone instead of typing it.
/// Drawn server-side as SVG: one module per user unit, so CSS scales it to any screen without blurring.
/// </summary>
public static class JoinQrCode
{
    public static string Svg(string url)
    {
        using var generator = new QRCodeGenerator();
        // M recovers from 15 % damage: enough for glare on a projector screen without making the code denser.
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(1, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    /// <summary>
    /// The SVG as markup for a view. Safe unencoded: it is rects and numbers drawn from the code's modules, and no text
    /// of the address (which a crafted Host header reaches) is in it, as <c>JoinQrCodeTests</c> pins.
    /// </summary>
    public static IHtmlContent Markup(string url) => new HtmlString(Svg(url));
}
