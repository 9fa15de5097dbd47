using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TalentNet.Messaging;

/// <summary>Reports the outbox backlog and the age of its oldest pending event.</summary>
internal sealed class OutboxHealthCheck(OutboxStore store, MessagingOptions options, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (pending, oldest) = await store.BacklogAsync(cancellationToken);
        var age = oldest is null ? TimeSpan.Zero : clock.GetUtcNow() - oldest.Value;
        var data = new Dictionary<string, object>
        {
            ["pending"] = pending,
            ["oldestPendingAgeSeconds"] = Math.Round(Math.Max(0, age.TotalSeconds), 1),
        };
        return age > options.Outbox.BacklogAgeWarning
            ? HealthCheckResult.Degraded($"{pending} events pending; the oldest waits {age.TotalSeconds:F0} s", data: data)
            : HealthCheckResult.Healthy($"{pending} events pending", data);
    }
}
