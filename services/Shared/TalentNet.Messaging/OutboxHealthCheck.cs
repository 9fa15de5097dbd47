using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TalentNet.Messaging;

/// <summary>Reports the outbox backlog, the age of its oldest pending event and the rows it could never publish.</summary>
internal sealed class OutboxHealthCheck(OutboxStore store, MessagingOptions options, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var backlog = await store.BacklogAsync(cancellationToken);
        var age = backlog.OldestCreatedAt is { } oldest ? clock.GetUtcNow() - oldest : TimeSpan.Zero;
        var data = new Dictionary<string, object>
        {
            ["pending"] = backlog.Pending,
            ["oldestPendingAgeSeconds"] = Math.Round(Math.Max(0, age.TotalSeconds), 1),
            ["deadLetters"] = backlog.DeadLetters,
        };
        if (backlog.DeadLetters > 0)
        {
            return HealthCheckResult.Degraded(
                $"{backlog.DeadLetters} events could never be published (table outbox_dead_letters)", data: data);
        }

        return age > options.Outbox.BacklogAgeWarning
            ? HealthCheckResult.Degraded($"{backlog.Pending} events pending; the oldest waits {age.TotalSeconds:F0} s", data: data)
            : HealthCheckResult.Healthy($"{backlog.Pending} events pending", data);
    }
}
