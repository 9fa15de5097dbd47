using System.Text;
using TalentNet.BulkImport;

namespace TalentNet.Candidates.Tests;

/// <summary>Runs alone: it measures the heap, which other tests running beside it would swell.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurements
{
    public const string Name = "memory measurements";
}

/// <summary>Import files are read as a stream: 100,000 rows never sit in memory together.</summary>
[Collection(MemoryMeasurements.Name)]
public sealed class RowReaderTests
{
    [Theory]
    [InlineData(ImportFormat.Csv)]
    [InlineData(ImportFormat.Ndjson)]
    public async Task A_file_of_100000_rows_is_read_row_by_row_in_bounded_memory(ImportFormat format)
    {
        const int Rows = 100_000;
        var path = Path.Combine(Path.GetTempPath(), "talentnet-tests", $"rows-{Guid.NewGuid():N}.{format.ToString().ToLowerInvariant()}");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            if (format == ImportFormat.Csv)
            {
                await writer.WriteLineAsync("externalId,fullName,email,notes");
            }

            for (var i = 0; i < Rows; i++)
            {
                var notes = new string('n', 150);
                await writer.WriteLineAsync(format == ImportFormat.Csv
                    ? $"A{i},\"Person {i}, Bench\",person{i}@bench.example,{notes}"
                    : $"{{\"externalId\":\"A{i}\",\"fullName\":\"Person {i}, Bench\",\"email\":\"person{i}@bench.example\",\"notes\":\"{notes}\"}}");
            }
        }

        var fileBytes = new FileInfo(path).Length;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0, read = 0, lastNumber = 0;
        await foreach (var row in RowReader.ReadAsync(path, format, CancellationToken.None))
        {
            read++;
            lastNumber = row.Number;
            Assert.Empty(row.Errors);
            if (read % 20_000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
            }
        }

        File.Delete(path);
        Assert.Equal(Rows, read);
        Assert.Equal(format == ImportFormat.Csv ? Rows + 1 : Rows, lastNumber);
        // The file is ~20 MiB; held whole as rows it would be several times that. Reading it holds a buffer and a row.
        Assert.True(fileBytes > 18_000_000, $"the file is {fileBytes:N0} bytes");
        Assert.True(peak < 32 * 1024 * 1024, $"the managed heap grew by {peak / 1048576.0:F1} MiB while reading {fileBytes / 1048576.0:F1} MiB");
    }
}
