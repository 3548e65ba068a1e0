using CsvHelper;

namespace ZonePoll.Tests.Infrastructure;

/// <summary>Reads CSV strictly (comma separated, no header assumed, malformed quoting fails), to check that what we write reads back as written.</summary>
public static class CsvRows
{
    public static List<List<string>> Parse(byte[] utf8)
    {
        var strict = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = false,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
        };
        using var reader = CsvReader.Create(utf8, strict);
        var rows = new List<List<string>>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        return rows;
    }
}
