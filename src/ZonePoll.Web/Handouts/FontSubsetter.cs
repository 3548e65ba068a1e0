using System.Runtime.InteropServices;

namespace ZonePoll.Web.Handouts;

/// <summary>
/// HarfBuzz's subsetter, which HarfBuzzSharp's native library exports but does not wrap. Skia's PDF backend embeds
/// every font whole, so a 19 MB CJK face used for one name is first cut down to the characters the document holds.
/// </summary>
internal static class FontSubsetter
{
    private const string Library = "libHarfBuzzSharp";

    /// <summary>The face cut down to <paramref name="codepoints"/> (with what shaping them needs), as a font file; null if it failed.</summary>
    public static byte[]? Subset(HarfBuzzSharp.Face face, IEnumerable<int> codepoints)
    {
        var input = hb_subset_input_create_or_fail();
        if (input == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            var unicodes = hb_subset_input_unicode_set(input);
            foreach (var codepoint in codepoints)
            {
                hb_set_add(unicodes, (uint)codepoint);
            }

            var subset = hb_subset_or_fail(face.Handle, input);
            if (subset == IntPtr.Zero)
            {
                return null;
            }

            var blob = hb_face_reference_blob(subset);
            try
            {
                var data = hb_blob_get_data(blob, out var length);
                if (data == IntPtr.Zero || length == 0)
                {
                    return null;
                }

                var bytes = new byte[length];
                Marshal.Copy(data, bytes, 0, (int)length);
                return bytes;
            }
            finally
            {
                hb_blob_destroy(blob);
                hb_face_destroy(subset);
            }
        }
        finally
        {
            hb_subset_input_destroy(input);
        }
    }

    [DllImport(Library)]
    private static extern IntPtr hb_subset_input_create_or_fail();

    [DllImport(Library)]
    private static extern IntPtr hb_subset_input_unicode_set(IntPtr input);

    [DllImport(Library)]
    private static extern void hb_set_add(IntPtr set, uint codepoint);

    [DllImport(Library)]
    private static extern IntPtr hb_subset_or_fail(IntPtr face, IntPtr input);

    [DllImport(Library)]
    private static extern void hb_subset_input_destroy(IntPtr input);

    [DllImport(Library)]
    private static extern IntPtr hb_face_reference_blob(IntPtr face);

    [DllImport(Library)]
    private static extern IntPtr hb_blob_get_data(IntPtr blob, out uint length);

    [DllImport(Library)]
    private static extern void hb_blob_destroy(IntPtr blob);

    [DllImport(Library)]
    private static extern void hb_face_destroy(IntPtr face);
}
