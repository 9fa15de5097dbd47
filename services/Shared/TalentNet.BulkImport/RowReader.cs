using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CsvHelper;

namespace TalentNet.BulkImport;

/// <summary>Reads a spooled file row by row (never whole): CSV with a header line, or one JSON object per line.</summary>
public static class RowReader
{
    /// <summary>The CSV header's columns, or the first NDJSON object's members; empty when the file has none.</summary>
    public static IReadOnlyList<string> Columns(string path, ImportFormat format)
    {
        if (format == ImportFormat.Csv)
        {
            using var csv = CsvReader.FromFile(path, Options(null));
            csv.ReadHeader();
            return [.. csv.Headers.Select(column => column.Trim())];
        }

        using var lines = new StreamReader(path);
        while (lines.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.EnumerateObject().Select(member => member.Name).ToList() : [];
            }
            catch (JsonException)
            {
                return [];
            }
        }

        return [];
    }

    public static async IAsyncEnumerable<ImportRow> ReadAsync(string path, ImportFormat format, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = format == ImportFormat.Csv ? Csv(path, cancellationToken) : Ndjson(path, cancellationToken);
        await foreach (var row in rows)
        {
            yield return row;
        }
    }

    private static async IAsyncEnumerable<ImportRow> Csv(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var malformed = new HashSet<long>();
        await using var csv = CsvReader.FromFile(path, Options(record => malformed.Add(record.LineNumber)));
        await csv.ReadHeaderAsync(cancellationToken);
        var header = csv.Headers.Select(column => column.Trim()).ToArray();
        if (header.Length == 0)
        {
            yield break;
        }

        while (await csv.ReadAsync(cancellationToken))
        {
            var number = csv.LineNumber;
            var fields = new Dictionary<string, string?>(header.Length, StringComparer.OrdinalIgnoreCase);
            for (var index = 0; index < header.Length; index++)
            {
                fields[header[index]] = index < csv.FieldCount ? csv.GetStringOrNull(index) : null;
            }

            var row = new ImportRow(number, fields);
            if (malformed.Remove(number))
            {
                row.Error("row", "The line is not valid CSV (a stray or unclosed quote).");
            }
            else if (csv.FieldCount != header.Length)
            {
                row.Error("row", $"The line has {csv.FieldCount} fields; the header has {header.Length}.");
            }

            yield return row;
        }
    }

    private static async IAsyncEnumerable<ImportRow> Ndjson(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        long number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            var parsed = true;
            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var member in document.RootElement.EnumerateObject())
                    {
                        fields[member.Name] = member.Value.ValueKind switch
                        {
                            JsonValueKind.String => member.Value.GetString(),
                            JsonValueKind.Null or JsonValueKind.Undefined => null,
                            _ => member.Value.GetRawText(),
                        };
                    }
                }
                else
                {
                    parsed = false;
                }
            }
            catch (JsonException)
            {
                parsed = false;
            }

            var row = new ImportRow(number, fields);
            if (!parsed)
            {
                row.Error("row", "The line is not one JSON object.");
            }

            yield return row;
        }
    }

    private static CsvReaderOptions Options(Action<CsvMalformedRecord>? malformed) => new()
    {
        Separator = ',',
        TrimWhitespace = true,
        TrackLineNumbers = true,
        IncludeValuesInExceptions = false,
        OnMalformedRecord = malformed,
    };
}
