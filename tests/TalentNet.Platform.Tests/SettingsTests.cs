using Microsoft.Extensions.Options;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

/// <summary>A bad setting stops the start with a message that names its key (and never echoes a secret).</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData("Database:SqliteSynchronous", "SOMETIMES", "Database:SqliteSynchronous must be one of: OFF, NORMAL, FULL, EXTRA.")]
    [InlineData("Database:SqliteMaxIdleConnections", "0", "Database:SqliteMaxIdleConnections must be positive.")]
    [InlineData("Messaging:RabbitMqUrl", "http://user:s3cret@broker.example/", "Messaging:RabbitMqUrl (or RABBITMQ_URL) must be an amqp:// or amqps:// URL.")]
    [InlineData("Messaging:Outbox:Lease", "00:00:00", "Messaging:Outbox:Lease must be positive.")]
    [InlineData("Messaging:Outbox:BatchSize", "600", "Messaging:Outbox:BatchSize times Messaging:Outbox:BatchesInFlight must not exceed 1000.")]
    [InlineData("Auth:SigningKey", "short", "Auth:SigningKey must be at least 32 characters.")]
    [InlineData("Auth:SigningKey", "change-me-to-a-random-string-of-48-characters-000", "Auth:SigningKey holds a placeholder from an example file")]
    [InlineData("Auth:ApiKeys:0:Hash", "not-a-hash", "Auth:ApiKeys:0:Hash must be the key's SHA-256 as 64 hex digits.")]
    [InlineData("Auth:ApiKeys:0:Hash", "a2ae6a9ee724b61d83d3cb2ec4a4bfc5d72624008508511935f85a4227a92db6", "Auth:ApiKeys:0:Hash is the hash of a key printed in the documentation")]
    [InlineData("Auth:ApiKeys:0:Role", "admin", "Auth:ApiKeys:0:Role admin needs Auth:ApiKeys:0:AllowAdmin")]
    [InlineData("Auth:Authority", "https://login.acme.example/", "Auth:SigningKey must not be set with Auth:Authority: tokens come from the identity provider alone (one signer).")]
    [InlineData("Auth:AllowSymmetricKey", "false", "Auth:SigningKey is refused outside Development unless Auth:AllowSymmetricKey is true")]
    [InlineData("Database:ConnectionString", "Server=db;Database=talentnet_candidates;User Id=app;Password=s3cret;TrustServerCertificate=True", "Database:ConnectionString has TrustServerCertificate=True, which accepts any server")]
    [InlineData("Database:ConnectionString", "Server=db;Nonsense Key=1;Password=s3cret", "Database:ConnectionString is not a valid SQL Server connection string.")]
    [InlineData("Limits:MaxBodyBytes", "0", "Limits:MaxBodyBytes must be positive.")]
    [InlineData("Reporting:Currency", "euro", "Reporting:Currency must be an ISO 4217 code of three capital letters")]
    public void A_bad_setting_stops_the_start_naming_its_key(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key == "Database:ConnectionString")
        {
            settings["Database:Provider"] = "SqlServer";
        }

        if (key.StartsWith("Auth:ApiKeys", StringComparison.Ordinal))
        {
            settings["Auth:ApiKeys:0:Name"] = "hris";
        }

        using var host = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("settings"), rabbitMqUrl: "amqp://guest:guest@127.0.0.1:1/", settings);
        var failure = Assert.Throws<OptionsValidationException>(() => host.CreateClient());
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", failure.Message, StringComparison.Ordinal);
    }
}
