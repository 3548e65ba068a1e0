using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZonePoll.Web.Tally;

/// <summary>
/// A snapshot's JSON, written once per version (<see cref="CachedTally"/>): the hub sends these bytes as they are,
/// rather than serialising the same snapshot again for each group and each instance.
/// </summary>
[JsonConverter(typeof(TallyJsonConverter))]
public sealed class TallyJson(byte[] utf8)
{
    public byte[] Utf8 { get; } = utf8;
}

internal sealed class TallyJsonConverter : JsonConverter<TallyJson>
{
    public override TallyJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new TallyJson(JsonSerializer.SerializeToUtf8Bytes(document.RootElement, options));
    }

    // Written by this app's own serialiser with these options, so there is nothing to validate.
    public override void Write(Utf8JsonWriter writer, TallyJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8, skipInputValidation: true);
}
