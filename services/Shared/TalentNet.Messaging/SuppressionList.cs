using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Storage;

namespace TalentNet.Messaging;

/// <summary>Bound from the <c>Privacy</c> section of the services that can bring a person in from outside.</summary>
public sealed class PrivacyOptions : ICheckedOptions
{
    public const string Section = "Privacy";

    /// <summary>The key of the suppression list's hashes: a secret, so a copy of the table alone tells no one which addresses are on it.</summary>
    public string? SuppressionKey { get; set; }

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(SuppressionKey) || SuppressionKey.Length < 32)
        {
            yield return $"{Section}:SuppressionKey must be set to a secret of at least 32 characters (it keys the suppression list's hashes).";
        }
        else if (Placeholders.IsPlaceholder(SuppressionKey))
        {
            yield return Placeholders.Refusal($"{Section}:SuppressionKey");
        }
    }
}

/// <summary>
/// People erased at their request, kept as HMAC-SHA256 of the normalized address under
/// <c>Privacy:SuppressionKey</c>: an import row, an ATS delivery or an HRIS departure that names one of
/// them is reported as suppressed and creates nothing. Filled by the erasure itself.
/// </summary>
public sealed class SuppressionList(PrivacyOptions options)
{
    /// <summary>What an import row or a delivery that names an erased person is told (never the address).</summary>
    public const string Reason = "Suppressed: this person was erased at their request; nothing was created.";

    internal const string AddSql =
        "INSERT INTO suppressed_people (hash, suppressed_at) SELECT @Hash, @Now WHERE NOT EXISTS (SELECT 1 FROM suppressed_people WHERE hash = @Hash)";

    internal const string HoldsSql = "SELECT COUNT(*) FROM suppressed_people WHERE hash = @Hash";

    internal const string AnySql = "SELECT CASE WHEN EXISTS (SELECT 1 FROM suppressed_people) THEN 1 ELSE 0 END";

    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.SuppressionKey!);

    public async Task AddAsync(DbSession session, IEnumerable<string> emails, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        foreach (var hash in emails.Select(Hash).Distinct(StringComparer.Ordinal))
        {
            await session.Connection.ExecuteAsync(AddSql, new { Hash = hash, Now = now }, session.Transaction);
        }
    }

    /// <summary>Whether any of the addresses belongs to an erased person.</summary>
    public async Task<bool> HoldsAnyAsync(DbConnection connection, DbTransaction? transaction, IEnumerable<string?> emails) =>
        (await AmongAsync(connection, transaction, emails)).Count > 0;

    /// <summary>Those of the addresses that belong to erased people (one look when the list is empty, as it mostly is).</summary>
    public async Task<IReadOnlySet<string>> AmongAsync(DbConnection connection, DbTransaction? transaction, IEnumerable<string?> emails)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var given = emails.OfType<string>().Where(email => email.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (given.Count == 0 || await connection.ExecuteScalarAsync<long>(AnySql, transaction: transaction) == 0)
        {
            return found;
        }

        foreach (var email in given)
        {
            if (await connection.ExecuteScalarAsync<long>(HoldsSql, new { Hash = Hash(email) }, transaction) > 0)
            {
                found.Add(email);
            }
        }

        return found;
    }

    private string Hash(string email) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));
}

public static class SuppressionRegistration
{
    /// <summary>The suppression list, for a service that takes people in from imports, ATS webhooks or an HRIS.</summary>
    public static IServiceCollection AddSuppressionList(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.BindChecked<PrivacyOptions>(PrivacyOptions.Section));
        services.AddSingleton<SuppressionList>();
        return services;
    }
}
