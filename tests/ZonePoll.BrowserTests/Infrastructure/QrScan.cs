using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace ZonePoll.BrowserTests.Infrastructure;

/// <summary>Reads a QR code from a screenshot the way a phone camera would: from pixels, with an independent decoder.</summary>
public static class QrScan
{
    public static string Read(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var luminance = new byte[bitmap.Width * bitmap.Height];
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                luminance[(y * bitmap.Width) + x] = (byte)(((pixel.Red * 299) + (pixel.Green * 587) + (pixel.Blue * 114)) / 1000);
            }
        }

        var source = new RGBLuminanceSource(luminance, bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
        Assert.True(result is not null, $"No QR code could be read from a {bitmap.Width}x{bitmap.Height} screenshot.");
        return result.Text;
    }
}
