using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TalentNet.ServiceDefaults.Auth;

/// <summary>Mints tokens signed with the local symmetric key (for development and tests).</summary>
public static class DevTokens
{
    public const int MinimumKeyLength = 32;

    public static string Mint(AuthOptions options, string role, string? email = null, string? subject = null, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = SigningKey(options)
            ?? throw new InvalidOperationException("Auth:SigningKey is not configured; tokens cannot be minted.");
        var now = DateTime.UtcNow;
        var claims = new List<Claim>
        {
            new(TalentNetClaims.Subject, subject ?? $"dev-{role}"),
            new(TalentNetClaims.Name, subject ?? $"dev-{role}"),
            new(TalentNetClaims.Role, role),
        };
        if (email is not null)
        {
            claims.Add(new Claim(TalentNetClaims.Email, email));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(12)),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    internal static SymmetricSecurityKey? SigningKey(AuthOptions options)
    {
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            return null;
        }

        if (options.SigningKey.Length < MinimumKeyLength)
        {
            throw new InvalidOperationException($"Auth:SigningKey must be at least {MinimumKeyLength} characters.");
        }

        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey));
    }
}
