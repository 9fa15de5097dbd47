using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.OpenApi;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.BulkImport;

/// <summary>POST /api/imports/{kind} (a file in) and GET /api/imports/{id} (how it went), for every kind the service registered.</summary>
public static class ImportEndpoints
{
    public const string Csv = "text/csv";
    public const string Ndjson = "application/x-ndjson";

    public static WebApplication MapImports(this WebApplication app, string[] roles)
    {
        ArgumentNullException.ThrowIfNull(app);
        var imports = app.MapGroup("/api/imports").WithDescribedTag("Imports", "Bulk imports from ATS and HRIS exports: a CSV or NDJSON file, read in the background, with counts and row errors.");
        foreach (var kind in app.Services.GetServices<ImportKind>())
        {
            imports.MapPost($"/{kind.Name}", (HttpContext http, Database database, ImportRunner runner, ImportOptions options, ImportSpool spool, TimeProvider clock, CancellationToken cancellationToken) =>
                    StartAsync(kind, http, database, runner, options, spool, clock, cancellationToken))
                .WithName($"Import{char.ToUpperInvariant(kind.Name[0])}{kind.Name[1..]}")
                .WithSummary($"Import {kind.Name} from a file")
                .WithDescription($"Content-Type {Csv} (a header line, then one row per line) or {Ndjson} (one JSON object per line). Columns: {string.Join(", ", kind.RequiredColumns)} (required), {string.Join(", ", kind.OptionalColumns)}. Answers 202 with Location /api/imports/{{id}}; the file is read in the background. The same file again creates nothing.")
                .Accepts<string>(Csv, Ndjson)
                .RequireRoles(roles)
                .Produces<ImportResponse>(StatusCodes.Status202Accepted)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        }

        imports.MapGet("/{id:guid}", FindAsync)
            .WithName("GetImport")
            .WithSummary("Read an import's progress")
            .WithDescription("status (running, then completed; failed when its file was lost), the counts read, created, updated, unchanged, failed and suppressed (rows naming a person erased at their request: nothing is created), and the first row errors: row is the line in the file (a CSV header is line 1).")
            .RequireRoles(roles)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> StartAsync(
        ImportKind kind, HttpContext http, Database database, ImportRunner runner, ImportOptions options, ImportSpool spool, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var media = http.Request.GetTypedHeaders().ContentType?.MediaType.Value;
        ImportFormat? format = media switch
        {
            Csv => ImportFormat.Csv,
            Ndjson or "application/jsonl" => ImportFormat.Ndjson,
            _ => null,
        };
        if (format is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the file as text/csv or application/x-ndjson.");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxFileBytes;
        }

        var now = clock.GetUtcNow();
        var id = TimeOrderedId.New(now);
        var path = spool.PathFor(id, format.Value);
        try
        {
            await using (var file = File.Create(path))
            {
                await http.Request.Body.CopyToAsync(file, cancellationToken);
            }

            var missing = format == ImportFormat.Csv
                ? kind.RequiredColumns.Except(RowReader.Columns(path, format.Value), StringComparer.OrdinalIgnoreCase).ToList()
                : [];
            if (new FileInfo(path).Length == 0 || missing.Count > 0)
            {
                File.Delete(path);
                return new Validation().Add("file", missing.Count > 0 ? $"Missing columns: {string.Join(", ", missing)}." : "The file is empty.").ToProblem();
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        await using (var session = await database.BeginAsync(cancellationToken))
        {
            await session.Connection.ExecuteAsync(ImportStore.InsertSql, new
            {
                Id = id, Kind = kind.Name, Status = ImportStatus.Running.ToWire(), Format = format.Value.ToWire(), Actor = http.Actor(), Now = now,
            }, session.Transaction);
            await session.CommitAsync(cancellationToken);
        }

        runner.Enqueue(id);
        await using var connection = await database.OpenAsync(cancellationToken);
        return TypedResults.Accepted($"/api/imports/{id}", await ImportStore.FindAsync(connection, database.Dialect, id, options.MaxErrors));
    }

    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> FindAsync(
        Guid id, Database database, ImportOptions options, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var import = await ImportStore.FindAsync(connection, database.Dialect, id, options.MaxErrors);
        return import is null ? ApiProblems.NotFound("Import", id) : TypedResults.Ok(import);
    }
}
